import { type Staff, staffRole } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { DataTable, ListFilters } from '../../ui/data-table';
import { FilterSelect } from '../../ui/filter-select';
import { Notice, Page } from '../../ui/page';
import { SchoolFilter } from '../../ui/school-select';
import { useList } from '../../ui/use-list';

/** The teachers and school admins of the schools the user manages. */
export function StaffPage() {
  const { t, me, locale } = useApp();
  const list = useList<Staff>('/api/v1/staff', {
    sort: locale === 'ar' ? 'nameAr' : 'familyName',
    order: 'asc',
  });
  return (
    <Page
      title={t('staff.title')}
      actions={
        <Link href="/staff/new" class="button primary">
          {t('staff.new')}
        </Link>
      }
    >
      <ListFilters
        q={list.q}
        onQ={list.setQ}
        archived={list.filters.archived}
        onArchived={(v) => list.setFilter('archived', v)}
      >
        <SchoolFilter value={list.filters.schoolId ?? ''} onChange={(v) => list.setFilter('schoolId', v)} />
        <FilterSelect
          label={t('staff.role')}
          value={list.filters.role ?? ''}
          onChange={(v) => list.setFilter('role', v)}
          options={staffRole.options.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <DataTable<Staff>
        caption={t('staff.title')}
        data={list.data}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        columns={[
          {
            key: 'username',
            label: t('staff.username'),
            sortable: true,
            ltr: true,
            render: (s) => <Link href={`/staff/${s.id}`}>{s.username}</Link>,
          },
          {
            key: 'nameAr',
            label: t('people.nameAr'),
            sortable: true,
            render: (s) => (
              <>
                <span lang="ar" dir="rtl">
                  {s.nameAr}
                </span>{' '}
                {s.archived && <span class="badge">{t('common.archived')}</span>}
              </>
            ),
          },
          {
            key: 'familyName',
            label: t('people.familyName'),
            sortable: true,
            render: (s) => <bdi>{s.familyName}</bdi>,
          },
          {
            key: 'givenName',
            label: t('people.givenName'),
            sortable: true,
            render: (s) => <bdi>{s.givenName}</bdi>,
          },
          { key: 'role', label: t('staff.role'), render: (s) => t(`role.${s.role}`) },
          ...(me?.role === 'programme_admin'
            ? [
                {
                  key: 'school',
                  label: t('picker.school'),
                  render: (s: Staff) => s.schoolName ?? t('common.none'),
                },
              ]
            : []),
        ]}
      />
    </Page>
  );
}
