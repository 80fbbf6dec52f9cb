import { consentStatus, type Learner, sex } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { DataTable, ListFilters } from '../../ui/data-table';
import { FilterSelect } from '../../ui/filter-select';
import { Notice, Page } from '../../ui/page';
import { SchoolFilter } from '../../ui/school-select';
import { useList } from '../../ui/use-list';

/** Learners the user may see; a teacher sees those of their classes, read-only. */
export function LearnersPage() {
  const { t, me, locale } = useApp();
  const isAdmin = me?.role === 'programme_admin' || me?.role === 'school_admin';
  const list = useList<Learner>('/api/v1/learners', {
    sort: locale === 'ar' ? 'nameAr' : 'familyName',
    order: 'asc',
  });
  return (
    <Page
      title={t('learner.title')}
      actions={
        isAdmin && (
          <Link href="/learners/new" class="button primary">
            {t('learner.new')}
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
          label={t('people.sex')}
          value={list.filters.sex ?? ''}
          onChange={(v) => list.setFilter('sex', v)}
          options={sex.options.map((s) => ({ value: s, label: t(`people.sex.${s}`) }))}
        />
        {isAdmin && (
          <FilterSelect
            label={t('learner.consentStatus')}
            value={list.filters.consentStatus ?? ''}
            onChange={(v) => list.setFilter('consentStatus', v)}
            options={consentStatus.options.map((s) => ({ value: s, label: t(`learner.consent.${s}`) }))}
          />
        )}
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <DataTable<Learner>
        caption={t('learner.title')}
        data={list.data}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        columns={[
          {
            key: 'massarCode',
            label: t('learner.massarCode'),
            sortable: true,
            ltr: true,
            render: (l) => <Link href={`/learners/${l.id}`}>{l.massarCode}</Link>,
          },
          {
            key: 'nameAr',
            label: t('people.nameAr'),
            sortable: true,
            render: (l) => (
              <>
                <span lang="ar" dir="rtl">
                  {l.nameAr}
                </span>{' '}
                {l.archived && <span class="badge">{t('common.archived')}</span>}
              </>
            ),
          },
          {
            key: 'familyName',
            label: t('people.familyName'),
            sortable: true,
            render: (l) => <bdi>{l.familyName}</bdi>,
          },
          {
            key: 'givenName',
            label: t('people.givenName'),
            sortable: true,
            render: (l) => <bdi>{l.givenName}</bdi>,
          },
          { key: 'sex', label: t('people.sex'), render: (l) => t(`people.sex.${l.sex}`) },
          {
            key: 'birthYear',
            label: t('learner.birthYear'),
            sortable: true,
            ltr: true,
            render: (l) => l.birthYear,
          },
          ...(me?.role === 'programme_admin'
            ? [{ key: 'school', label: t('picker.school'), render: (l: Learner) => l.schoolName }]
            : []),
          ...(isAdmin
            ? [
                {
                  key: 'consent',
                  label: t('learner.consentStatus'),
                  render: (l: Learner) => t(`learner.consent.${l.consentStatus}`),
                },
              ]
            : []),
        ]}
      />
    </Page>
  );
}
