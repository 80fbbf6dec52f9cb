import type { DeviceSummary } from '@lawh/shared';
import { useApp } from '../../app/context';
import { useFormat } from '../../ui/format';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { STATUSES } from './device-rules';

/** How many tablets are in each status, in all and, when there is more than one place, school by school. */
export function DeviceSummaryView() {
  const { t } = useApp();
  const { num } = useFormat();
  const summary = useFetch<DeviceSummary>('/api/v1/devices/summary');
  const s = summary.data;
  if (summary.error) return <Notice kind="error">{summary.error.message}</Notice>;
  if (!s) return null;
  const count = (n: number | undefined) => <bdi dir="ltr">{num(n ?? 0)}</bdi>;
  return (
    <section aria-labelledby="device-summary">
      <h2 id="device-summary">{t('device.summary')}</h2>
      <ul class="stats">
        <li class="stat">
          <strong>{count(s.total)}</strong>
          {t('device.total')}
        </li>
        {STATUSES.map((status) => (
          <li key={status} class="stat">
            <strong>{count(s.byStatus[status])}</strong>
            {t(`device.status.${status}`)}
          </li>
        ))}
      </ul>
      {s.bySchool.length > 1 && (
        <div class="table-wrap">
          <table>
            <caption>{t('device.bySchool')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('picker.school')}</th>
                {STATUSES.map((status) => (
                  <th key={status} scope="col">
                    {t(`device.status.${status}`)}
                  </th>
                ))}
                <th scope="col">{t('device.total')}</th>
              </tr>
            </thead>
            <tbody>
              {s.bySchool.map((row) => (
                <tr key={row.schoolId ?? 'stock'}>
                  <th scope="row">{row.schoolName ?? t('device.noSchool')}</th>
                  {STATUSES.map((status) => (
                    <td key={status} class="ltr" dir="ltr">
                      {num(row.counts[status] ?? 0)}
                    </td>
                  ))}
                  <td class="ltr" dir="ltr">
                    <strong>{num(row.total)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
