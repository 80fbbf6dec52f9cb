import { ALL_LEVELS, type ContentSummary, CYCLES, contentLanguage, SUBJECTS } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { LANGUAGE_NAMES } from '../../i18n';
import { DataTable, ListFilters } from '../../ui/data-table';
import { FilterSelect } from '../../ui/filter-select';
import { useFormat } from '../../ui/format';
import { Notice, Page } from '../../ui/page';
import { useList } from '../../ui/use-list';
import { QtiImportPanel } from './qti-import';
import './content.css';

/** The library: lessons and quizzes, searched by their words and filtered by their tags. */
export function ContentLibraryPage() {
  const { t } = useApp();
  const fmt = useFormat();
  const [importing, setImporting] = useState(false);
  const list = useList<ContentSummary>('/api/v1/content', { sort: 'updatedAt', order: 'desc' });
  const filter = (key: string, label: string, options: Array<{ value: string; label: string }>) => (
    <FilterSelect
      label={label}
      value={list.filters[key] ?? ''}
      onChange={(v) => list.setFilter(key, v)}
      options={options}
    />
  );
  return (
    <Page
      title={t('content.library')}
      actions={
        <>
          <Link href="/content/lessons/new" class="button primary">
            {t('content.newLesson')}
          </Link>
          <Link href="/content/quizzes/new" class="button primary">
            {t('content.newQuiz')}
          </Link>
          <button
            type="button"
            aria-expanded={importing}
            aria-controls="qti-import"
            onClick={() => setImporting(!importing)}
          >
            {t('qti.action')}
          </button>
        </>
      }
    >
      <div id="qti-import" hidden={!importing}>
        {importing && <QtiImportPanel id="qti-import-panel" onImported={list.reload} />}
      </div>
      <ListFilters
        q={list.q}
        onQ={list.setQ}
        archived={list.filters.archived}
        onArchived={(v) => list.setFilter('archived', v)}
      >
        {filter('kind', t('content.kind'), [
          { value: 'lesson', label: t('content.kind.lesson') },
          { value: 'quiz', label: t('content.kind.quiz') },
        ])}
        {filter(
          'cycle',
          t('class.cycle'),
          CYCLES.map((c) => ({ value: c, label: t(`class.cycle.${c}`) })),
        )}
        {filter(
          'level',
          t('class.level'),
          ALL_LEVELS.map((l) => ({ value: l, label: l })),
        )}
        {filter(
          'subject',
          t('class.subject'),
          SUBJECTS.map((s) => ({ value: s, label: t(`class.subject.${s}`) })),
        )}
        {filter(
          'language',
          t('content.language'),
          contentLanguage.options.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
        )}
        {filter('status', t('content.status'), [
          { value: 'draft', label: t('content.status.draft') },
          { value: 'published', label: t('content.status.published') },
        ])}
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <DataTable<ContentSummary>
        caption={t('content.library')}
        data={list.data}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        columns={[
          {
            key: 'title',
            label: t('content.title'),
            sortable: true,
            render: (c) => (
              <>
                <Link href={`/content/${c.id}`} lang={c.tags.language} dir="auto">
                  {c.title}
                </Link>
                {c.archived && <span class="badge">{t('common.archived')}</span>}
              </>
            ),
          },
          { key: 'kind', label: t('content.kind'), render: (c) => t(`content.kind.${c.kind}`) },
          {
            key: 'tags',
            label: t('content.tags'),
            render: (c) => (
              <>
                <bdi dir="ltr">{c.tags.level}</bdi> · {subjectName(t, c.tags.subject)}
                {c.tags.unit && (
                  <>
                    {' · '}
                    <bdi>{c.tags.unit}</bdi>
                  </>
                )}{' '}
                ·{' '}
                <bdi>{LANGUAGE_NAMES[c.tags.language as keyof typeof LANGUAGE_NAMES] ?? c.tags.language}</bdi>
              </>
            ),
          },
          {
            key: 'status',
            label: t('content.status'),
            render: (c) =>
              c.latestVersion === null ? (
                t('content.status.draft')
              ) : (
                <>
                  {t('content.status.publishedVersion', { version: c.latestVersion })}
                  {c.hasUnpublishedChanges && <span class="badge">{t('content.status.changes')}</span>}
                </>
              ),
          },
          {
            key: 'updatedAt',
            label: t('content.updatedAt'),
            sortable: true,
            ltr: true,
            render: (c) => <time dateTime={c.updatedAt}>{fmt.dateTime(c.updatedAt)}</time>,
          },
        ]}
      />
    </Page>
  );
}

const subjectName = (t: ReturnType<typeof useApp>['t'], s: string) =>
  (SUBJECTS as readonly string[]).includes(s) ? t(`class.subject.${s as (typeof SUBJECTS)[number]}`) : s;
