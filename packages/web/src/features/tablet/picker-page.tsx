import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { Notice, Spinner } from '../../ui/page';
import { learnerName, sortLearners } from './home-model';
import { useTablet } from './tablet-context';
import { useLocal } from './use-local';

/** /tablet: "Who are you?" — the learners this tablet serves, as big buttons. */
export function TabletPickerPage() {
  const { t, locale } = useApp();
  const { db } = useTablet();
  const { data, loading, error } = useLocal(
    async () => {
      const device = await db.device();
      return { device, learners: device ? await db.rows('learner') : [] };
    },
    [db],
    ['rows'],
  );

  return (
    <section class="page tablet-page">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('tablet.picker.title')}</h1>
      </header>
      {loading && <Spinner label={t('app.loading')} />}
      {error != null && <Notice kind="error">{t('tablet.error.local')}</Notice>}
      {data && !data.device && (
        <>
          <Notice kind="info">{t('tablet.picker.notEnrolled')}</Notice>
          <p>
            <Link href="/enrol" class="button primary tablet-big">
              {t('tablet.picker.enrol')}
            </Link>
          </p>
        </>
      )}
      {data?.device && data.learners.length === 0 && (
        <Notice kind="info">{t('tablet.picker.noLearners')}</Notice>
      )}
      {data && data.learners.length > 0 && (
        <ul class="tablet-learners">
          {sortLearners(data.learners, locale).map((l) => {
            const name = learnerName(l, locale);
            return (
              <li key={l.id}>
                <Link href={`/tablet/sign-in/${l.id}`} class="tablet-learner">
                  <span aria-hidden="true" class="tablet-avatar">
                    {name.slice(0, 1)}
                  </span>
                  <span>{name}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <p class="tablet-adults">
        <Link href="/tablet/status">{t('tablet.picker.status')}</Link>
      </p>
    </section>
  );
}
