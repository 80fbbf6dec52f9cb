import type { ListQuery } from '@lawh/shared';
import { searchKey } from '@lawh/shared';
import { type SelectQueryBuilder, sql } from 'kysely';

/** Runs a list query as one page plus the total count; filters and sorting are already on `qb`. */
export async function paged<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  q: Pick<ListQuery, 'page' | 'pageSize'>,
): Promise<{ rows: O[]; total: number }> {
  const [rows, count] = await Promise.all([
    qb
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirst() as Promise<
      { total: number } | undefined
    >,
  ]);
  return { rows, total: Number(count?.total ?? 0) };
}

/** A LIKE pattern for the folded `search_text` columns, or null when there is nothing to search. */
export function searchPattern(q: string | undefined): string | null {
  const key = searchKey(q?.replace(/[%_\\]/g, ' ')).trim();
  return key ? `%${key}%` : null;
}
