import type { DeviceHistoryEntry } from '@lawh/shared';
import { useApp } from '../../app/context';
import { DataTable } from '../../ui/data-table';
import { useFormat } from '../../ui/format';
import { FIXED_ORDER, wholePage } from '../../ui/whole-page';
import { historyActionLabel } from './device-rules';

type Row = Omit<DeviceHistoryEntry, 'id'> & { id: string };

/** Every change of the tablet, newest first, as the server keeps it. */
export function DeviceHistory({ entries }: { entries: DeviceHistoryEntry[] }) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const rows: Row[] = entries.map((e) => ({ ...e, id: String(e.id) }));
  const status = (s: Row['toStatus']) => t(`device.status.${s}`);
  const orNone = (s: string | null) => s ?? t('common.none');
  return (
    <div class="keep-codes">
      <DataTable<Row>
        caption={t('device.history')}
        data={wholePage(rows)}
        sort={FIXED_ORDER}
        onSort={() => undefined}
        onPage={() => undefined}
        columns={[
          {
            key: 'at',
            label: t('device.at'),
            ltr: true,
            render: (e) => <time dateTime={e.at}>{dateTime(e.at)}</time>,
          },
          { key: 'action', label: t('device.historyAction'), render: (e) => historyActionLabel(t, e.action) },
          { key: 'actor', label: t('device.actor'), render: (e) => orNone(e.actorName) },
          {
            key: 'status',
            label: t('device.statusChange'),
            render: (e) =>
              e.fromStatus
                ? t('device.fromTo', { from: status(e.fromStatus), to: status(e.toStatus) })
                : status(e.toStatus),
          },
          { key: 'school', label: t('picker.school'), render: (e) => orNone(e.schoolName) },
          { key: 'learner', label: t('device.learner'), render: (e) => orNone(e.learnerName) },
          { key: 'guardian', label: t('learner.guardianName'), render: (e) => orNone(e.guardianName) },
          {
            key: 'condition',
            label: t('device.condition'),
            render: (e) => (e.condition ? t(`device.condition.${e.condition}`) : t('common.none')),
          },
          {
            key: 'note',
            label: t('device.note'),
            render: (e) => (e.note ? <bdi>{e.note}</bdi> : t('common.none')),
          },
        ]}
      />
    </div>
  );
}
