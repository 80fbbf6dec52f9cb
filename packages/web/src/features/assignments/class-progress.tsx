import type { ClassProgress } from '@lawh/shared';
import { useEffect } from 'preact/hooks';
import { useApp } from '../../app/context';
import { useFormat } from '../../ui/format';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';

/**
 * Each learner against each of the class's assignments, as the tablets reported it: status, score,
 * last activity. A teacher sees a learner's work here once the tablet has synced.
 */
export function ClassProgressTable({ classId, tick }: { classId: string; tick: number }) {
  const { t, locale } = useApp();
  const { date } = useFormat();
  const progress = useFetch<ClassProgress>(`/api/v1/classes/${classId}/progress`);
  const { reload } = progress;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const p = progress.data;
  return (
    <section aria-labelledby="class-progress">
      <div class="section-head">
        <h2 id="class-progress">{t('progress.title')}</h2>
        <button type="button" onClick={reload}>
          {t('progress.refresh')}
        </button>
      </div>
      {progress.error && <Notice kind="error">{progress.error.message}</Notice>}
      {!p ? (
        !progress.error && <Spinner label={t('app.loading')} />
      ) : p.assignments.length === 0 || p.learners.length === 0 ? (
        <p>{t('progress.nothing')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('progress.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('device.learner')}</th>
                {p.assignments.map((a) => (
                  <th scope="col" key={a.id} dir="auto">
                    {a.contentTitle}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.learners.map((l) => {
                const byAssignment = new Map(l.progress.map((x) => [x.assignmentId, x]));
                return (
                  <tr key={l.id}>
                    <th scope="row" dir="auto">
                      {locale === 'ar' && l.nameAr ? l.nameAr : l.name}
                    </th>
                    {p.assignments.map((a) => {
                      const x = byAssignment.get(a.id);
                      return (
                        <td key={a.id}>
                          {x ? (
                            <>
                              <span class="badge">{t(`progress.status.${x.status}`)}</span>
                              {x.score !== null && (
                                <>
                                  {' '}
                                  <bdi dir="ltr">
                                    {t('progress.score', { score: Math.round(x.score * 100) })}
                                  </bdi>
                                </>
                              )}
                              <br />
                              <bdi dir="ltr">
                                <time dateTime={x.lastAt}>{date(x.lastAt)}</time>
                              </bdi>
                            </>
                          ) : (
                            t('progress.notStarted')
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
