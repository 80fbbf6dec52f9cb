import type { Page } from '@lawh/shared';
import type { Sort } from './data-table';

/** Wraps a short, unpaged list (a class's learners, a year's terms) for DataTable. */
export const wholePage = <T>(items: T[]): Page<T> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: Math.max(1, items.length),
});

/** The sort of a table whose rows come in a fixed order. */
export const FIXED_ORDER: Sort = { sort: '', order: 'asc' };
