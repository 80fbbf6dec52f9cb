import { type AttendanceSummary, type ClassRow, schoolDate } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link, navigate, useLocation } from '../../app/router';
import { Num, Percent } from '../../ui/formatted';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import './attendance.css';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const COUNTS = ['present', 'absent', 'late', 'excused'] as const;

/** `/classes/:id/attendance/summary?month=`: each learner's counts for the month, and the CSV of it. */
export function AttendanceSummaryPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const { query } = useLocation();
  const thisMonth = schoolDate().slice(0, 7);
  const asked = query.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : thisMonth;
  const cls = useFetch<ClassRow>(`/api/v1/classes/${id}`);
  const summary = useFetch<AttendanceSummary>(`/api/v1/classes/${id}/attendance/summary?month=${month}`);
  const className = cls.data?.title ?? '';
  const csv = `/api/v1/classes/${id}/attendance/summary.csv?month=${month}&lang=${locale}`;
  const s = summary.data;
  return (
    <Page title={t('attendance.summaryTitle', { className })}>
      <nav class="row-actions attendance-links" aria-label={t('attendance.section')}>
        <Link href={`/classes/${id}`} class="button">
          {className || t('class.title')}
        </Link>
        <Link href={`/classes/${id}/attendance`} class="button">
          {t('attendance.openToday')}
        </Link>
        <Link href={`/classes/${id}/live-sessions`} class="button">
          {t('live.title')}
        </Link>
      </nav>
      <div class="filters">
        <div class="field">
          <label for={`${id}-month`}>{t('attendance.month')}</label>
          <input
            id={`${id}-month`}
            type="month"
            dir="ltr"
            value={month}
            max={thisMonth}
            onChange={(e) => {
              const v = (e.target as HTMLInputElement).value;
              if (MONTH.test(v)) navigate(`/classes/${id}/attendance/summary?month=${v}`, { replace: true });
            }}
          />
        </div>
        <a href={csv} class="button primary" download>
          {t('attendance.downloadCsv')}
        </a>
      </div>
      {summary.error && <Notice kind="error">{summary.error.message}</Notice>}
      {!s ? (
        !summary.error && <Spinner label={t('app.loading')} />
      ) : (
        <>
          <p>{t('attendance.registers', { count: s.registers })}</p>
          <div class="table-wrap">
            <table class="attendance-table">
              <caption>{t('attendance.summaryTitle', { className })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.learner')}</th>
                  <th scope="col">{t('attendance.massar')}</th>
                  {COUNTS.map((c) => (
                    <th scope="col" class="num" key={c}>
                      {t(`attendance.status.${c}`)}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t('attendance.rate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.learnerId} data-learner={r.learnerId}>
                    <th scope="row">
                      <bdi>{locale === 'ar' && r.nameAr ? r.nameAr : r.name}</bdi>
                    </th>
                    <td class="ltr">
                      <bdi dir="ltr">{r.massarCode ?? t('common.none')}</bdi>
                    </td>
                    {COUNTS.map((c) => (
                      <td class="num" key={c} data-count={c}>
                        <Num value={r[c]} />
                      </td>
                    ))}
                    <td class="num">{r.rate === null ? t('common.none') : <Percent share={r.rate} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="field-hint">{t('attendance.rateHint')}</p>
        </>
      )}
    </Page>
  );
}
