import type { Page } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { withQuery } from '../lib/api';
import type { Sort } from './data-table';
import { useFetch } from './use-fetch';

/** The state of a server-side list: search, filters, sort and page, turned into one GET. */
export function useList<T>(path: string, defaultSort: Sort, initialFilters: Record<string, string> = {}) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Sort>(defaultSort);
  const [filters, setFilters] = useState<Record<string, string>>({ archived: 'false', ...initialFilters });
  const url = withQuery(path, { q, page, pageSize: 25, sort: sort.sort, order: sort.order, ...filters });
  const { data, error, loading, reload } = useFetch<Page<T>>(url);
  return {
    q,
    setQ: (v: string) => (setQ(v), setPage(1)),
    page,
    setPage,
    sort,
    setSort: (s: Sort) => (setSort(s), setPage(1)),
    filters,
    setFilter: (k: string, v: string) => (setFilters((f) => ({ ...f, [k]: v })), setPage(1)),
    data,
    error,
    loading,
    reload,
  };
}
