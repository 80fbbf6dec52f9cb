import type { LearnerProgress } from '@lawh/shared';
import { useMemo } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { useFormat } from '../../ui/format';
import { DateText, Grade, Percent } from '../../ui/formatted';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { assignmentTitle, stuckText } from './insight-labels';

/** `/learners/:id/progress`: one learner's work in each of their classes the viewer sees. */
export function LearnerProgressPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const f = useFormat();
  const res = useFetch<LearnerProgress>(`/api/v1/learners/${id}/progress`);
  const p = res.data;
  const titles = useMemo(
    () =>
      new Map(
        (p?.classes ?? []).flatMap((c) => c.assignments.map((a) => [a.id, assignmentTitle(a)] as const)),
      ),
    [p],
  );
  if (!p)
    return res.error ? (
      <Page title={t('insight.progressLink')}>
        <Notice kind="error">{res.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  const name = locale === 'ar' && p.learner.nameAr ? p.learner.nameAr : p.learner.name;
  return (
    <Page
      title={t('insight.learnerTitle', { name })}
      actions={
        <Link href={`/learners/${id}/summary`} class="button">
          {t('insight.summaryLink')}
        </Link>
      }
    >
      {p.classes.length === 0 && <p>{t('insight.noClasses')}</p>}
      {p.classes.map((c) => {
        const row = c.row;
        const progress = new Map(row.progress.map((x) => [x.assignmentId, x]));
        const states = new Map(row.states.map((x) => [x.assignmentId, x]));
        const mine = c.assignments.filter((a) => row.assignmentIds.includes(a.id));
        return (
          <section key={c.id} aria-labelledby={`class-${c.id}`}>
            <div class="section-head">
              <h2 id={`class-${c.id}`}>
                <Link href={`/classes/${c.id}`} class="heading-link">
                  <bdi>{c.title}</bdi>
                </Link>
              </h2>
            </div>
            <dl class="facts">
              <dt>{t('insight.overall')}</dt>
              <dd>
                <Percent share={row.overall} />
              </dd>
              <dt>{t('insight.lastActivity')}</dt>
              <dd>
                {row.lastActivityAt ? <DateText iso={row.lastActivityAt} withTime /> : t('insight.never')}
              </dd>
            </dl>
            {row.stuck.length > 0 && (
              <Notice kind="info">
                <span class="badge badge-warn">{t('insight.stuckBadge')}</span>{' '}
                {row.stuck.map((r) => stuckText(t, f, r, titles)).join(' · ')}
              </Notice>
            )}
            {mine.length === 0 ? (
              <p>{t('insight.noWork')}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('insight.work')}</th>
                      <th scope="col">{t('insight.due')}</th>
                      <th scope="col">{t('insight.status')}</th>
                      <th scope="col">{t('insight.result')}</th>
                      <th scope="col">{t('insight.lastActivity')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((a) => {
                      const x = progress.get(a.id);
                      const s = states.get(a.id);
                      return (
                        <tr key={a.id}>
                          <th scope="row">
                            <bdi>{assignmentTitle(a)}</bdi>{' '}
                            <span class="badge">{t(`insight.kind.${a.kind}`)}</span>
                          </th>
                          <td>{a.dueAt ? <DateText iso={a.dueAt} /> : t('assignment.noDue')}</td>
                          <td>
                            {x && <span class="badge">{t(`progress.status.${x.status}`)}</span>}{' '}
                            {s && (
                              <span class={s.state === 'missing' ? 'badge badge-warn' : 'badge'}>
                                {t(`insight.state.${s.state}`)}
                              </span>
                            )}
                          </td>
                          <td>
                            {x?.score != null && <Percent share={x.score} />}
                            {x && a.kind === 'quiz' && x.answered > 0 && (
                              <> {t('insight.answers', { tally: f.gradeText(x.correct, x.answered) })}</>
                            )}
                            {s && s.points !== null && s.maxPoints !== null && (
                              <Grade points={s.points} max={s.maxPoints} />
                            )}
                          </td>
                          <td>{x ? <DateText iso={x.lastAt} /> : s?.at ? <DateText iso={s.at} /> : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </Page>
  );
}
