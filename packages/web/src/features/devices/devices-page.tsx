import type { Device } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { DataTable, ListFilters } from '../../ui/data-table';
import { FilterSelect } from '../../ui/filter-select';
import { useFormat } from '../../ui/format';
import { Notice, Page } from '../../ui/page';
import { SchoolFilter } from '../../ui/school-select';
import { useList } from '../../ui/use-list';
import { STATUSES } from './device-rules';
import { DeviceSummaryView } from './device-summary';

/** `/tablets`: the register of donated tablets, counted by status and school, then listed. */
export function DevicesPage() {
  const { t, me } = useApp();
  const { dateTime } = useFormat();
  const list = useList<Device>('/api/v1/devices', { sort: 'serialNumber', order: 'asc' });
  const isProgrammeAdmin = me?.role === 'programme_admin';
  return (
    <Page
      title={t('device.title')}
      actions={
        isProgrammeAdmin && (
          <>
            <Link href="/tablets/new" class="button primary">
              {t('device.new')}
            </Link>
            <Link href="/tablets/import" class="button">
              {t('device.import')}
            </Link>
          </>
        )
      }
    >
      <DeviceSummaryView />
      <h2>{t('device.register')}</h2>
      <ListFilters q={list.q} onQ={list.setQ}>
        <FilterSelect
          label={t('device.status')}
          value={list.filters.status ?? ''}
          onChange={(v) => list.setFilter('status', v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`device.status.${s}`) }))}
        />
        <SchoolFilter value={list.filters.schoolId ?? ''} onChange={(v) => list.setFilter('schoolId', v)} />
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <div class="keep-codes">
        <DataTable<Device>
          caption={t('device.register')}
          data={list.data}
          sort={list.sort}
          onSort={list.setSort}
          onPage={list.setPage}
          columns={[
            {
              key: 'serialNumber',
              label: t('device.serialNumber'),
              sortable: true,
              ltr: true,
              render: (d) => <Link href={`/tablets/${d.id}`}>{d.serialNumber}</Link>,
            },
            { key: 'model', label: t('device.model'), sortable: true, render: (d) => <bdi>{d.model}</bdi> },
            { key: 'batch', label: t('device.batch'), sortable: true, ltr: true, render: (d) => d.batch },
            {
              key: 'status',
              label: t('device.status'),
              sortable: true,
              render: (d) => <span class="badge">{t(`device.status.${d.status}`)}</span>,
            },
            ...(isProgrammeAdmin
              ? [
                  {
                    key: 'school',
                    label: t('picker.school'),
                    render: (d: Device) => d.schoolName ?? t('common.none'),
                  },
                ]
              : []),
            { key: 'learner', label: t('device.learner'), render: (d) => d.learnerName ?? t('common.none') },
            {
              key: 'updatedAt',
              label: t('device.updatedAt'),
              sortable: true,
              ltr: true,
              render: (d) => <time dateTime={d.updatedAt}>{dateTime(d.updatedAt)}</time>,
            },
            {
              key: 'lastSyncAt',
              label: t('provision.lastSync'),
              ltr: true,
              render: (d) =>
                d.lastSyncAt ? (
                  <time dateTime={d.lastSyncAt}>{dateTime(d.lastSyncAt)}</time>
                ) : (
                  t('provision.never')
                ),
            },
          ]}
        />
      </div>
    </Page>
  );
}
