import { ALL_LEVELS, type ClassRow, SUBJECTS } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { DataTable, ListFilters } from '../../ui/data-table';
import { FilterSelect } from '../../ui/filter-select';
import { Notice, Page } from '../../ui/page';
import { SchoolFilter } from '../../ui/school-select';
import { useList } from '../../ui/use-list';

/** Classes the user may see: all, their school's, the ones they teach, or the ones they attend. */
export function ClassesPage() {
  const { t, me, intl } = useApp();
  const names = new Intl.ListFormat(intl, { type: 'conjunction' });
  const list = useList<ClassRow>('/api/v1/classes', { sort: 'title', order: 'asc' });
  const isAdmin = me?.role === 'programme_admin' || me?.role === 'school_admin';
  // Learners see their classes but not their classmates, so there is no page behind the title.
  const canOpen = me?.role !== 'learner';
  return (
    <Page
      title={t('class.title')}
      actions={
        isAdmin && (
          <Link href="/classes/new" class="button primary">
            {t('class.new')}
          </Link>
        )
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
          label={t('class.level')}
          value={list.filters.level ?? ''}
          onChange={(v) => list.setFilter('level', v)}
          options={ALL_LEVELS.map((l) => ({ value: l, label: l }))}
        />
        <FilterSelect
          label={t('class.subject')}
          value={list.filters.subject ?? ''}
          onChange={(v) => list.setFilter('subject', v)}
          options={SUBJECTS.map((s) => ({ value: s, label: t(`class.subject.${s}`) }))}
        />
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <DataTable<ClassRow>
        caption={t('class.title')}
        data={list.data}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        columns={[
          {
            key: 'title',
            label: t('class.name'),
            sortable: true,
            render: (c) => (
              <>
                {canOpen ? <Link href={`/classes/${c.id}`}>{c.title}</Link> : c.title}
                {c.archived && <span class="badge">{t('common.archived')}</span>}
              </>
            ),
          },
          ...(me?.role === 'programme_admin'
            ? [{ key: 'school', label: t('picker.school'), render: (c: ClassRow) => c.schoolName }]
            : []),
          { key: 'level', label: t('class.level'), sortable: true, ltr: true, render: (c) => c.level },
          {
            key: 'subject',
            label: t('class.subject'),
            sortable: true,
            render: (c) => t(`class.subject.${c.subject}`),
          },
          {
            key: 'teachers',
            label: t('class.teachers'),
            render: (c) =>
              c.teachers.length ? names.format(c.teachers.map((x) => x.displayName)) : t('common.none'),
          },
          { key: 'learners', label: t('class.learnerCount'), ltr: true, render: (c) => c.learnerCount },
        ]}
      />
    </Page>
  );
}
