import { useApp } from '../../app/context';
import { Link } from '../../app/router';

/** On the learner page: their progress and work, and the guardians' weekly summary. */
export function LearnerInsightLinks({ learnerId }: { learnerId: string }) {
  const { t } = useApp();
  return (
    <nav aria-labelledby="learner-links" class="section-links">
      <h2 id="learner-links">{t('insight.learnerLinks')}</h2>
      <ul>
        <li>
          <Link href={`/learners/${learnerId}/progress`}>{t('insight.progressLink')}</Link>
        </li>
        <li>
          <Link href={`/learners/${learnerId}/summary`}>{t('insight.summaryLink')}</Link>
        </li>
      </ul>
    </nav>
  );
}
