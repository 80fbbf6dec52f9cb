import type { Page } from '@lawh/shared';
import type { ComponentChildren } from 'preact';
import { useApp } from '../app/context';

export interface Column<T> {
  key: string;
  label: string;
  /** Present when the server can sort by this column. */
  sortable?: boolean;
  render: (row: T) => ComponentChildren;
  /** Numbers, codes and dates stay left-to-right inside Arabic text. */
  ltr?: boolean;
}

export interface Sort {
  sort: string;
  order: 'asc' | 'desc';
}

/** A server-paged, server-sorted table with an accessible caption and pager. */
export function DataTable<T extends { id: string }>({
  caption,
  columns,
  data,
  sort,
  onSort,
  onPage,
}: {
  caption: string;
  columns: Array<Column<T>>;
  data: Page<T> | null;
  sort: Sort;
  onSort: (s: Sort) => void;
  onPage: (page: number) => void;
}) {
  const { t } = useApp();
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div class="table-wrap">
      <table>
        <caption>
          {caption} — {t('common.results', { count: data?.total ?? 0 })}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort.sort === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortable ? (
                    <button
                      type="button"
                      class="sort"
                      aria-label={t('common.sortBy', { column: c.label })}
                      onClick={() =>
                        onSort({ sort: c.key, order: active && sort.order === 'asc' ? 'desc' : 'asc' })
                      }
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {data?.items.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c.key} dir={c.ltr ? 'ltr' : undefined} class={c.ltr ? 'ltr' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data && pages > 1 && (
        <nav class="pager" aria-label={t('common.pageOf', { page: data.page, pages })}>
          <button type="button" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            {t('common.previous')}
          </button>
          <span>{t('common.pageOf', { page: data.page, pages })}</span>
          <button type="button" disabled={data.page >= pages} onClick={() => onPage(data.page + 1)}>
            {t('common.next')}
          </button>
        </nav>
      )}
    </div>
  );
}

/** Search box plus "active / archived / all" filter, shared by every list page. */
export function ListFilters({
  q,
  onQ,
  archived,
  onArchived,
  children,
}: {
  q: string;
  onQ: (q: string) => void;
  archived?: string;
  onArchived?: (v: string) => void;
  children?: ComponentChildren;
}) {
  const { t } = useApp();
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for the Android WebViews we support
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onQ(String(data.get('q') ?? ''));
      }}
    >
      <label class="field">
        <span>{t('common.search')}</span>
        <input type="search" name="q" defaultValue={q} placeholder={t('common.searchPlaceholder')} />
      </label>
      {onArchived && (
        <label class="field">
          <span>{t('common.show')}</span>
          <select value={archived} onChange={(e) => onArchived((e.target as HTMLSelectElement).value)}>
            <option value="false">{t('common.active')}</option>
            <option value="true">{t('common.archived')}</option>
            <option value="all">{t('common.all')}</option>
          </select>
        </label>
      )}
      {children}
      <button type="submit">{t('common.search')}</button>
    </form>
  );
}
