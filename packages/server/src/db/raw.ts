import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './database';

// Plain statements for hot paths (sync pushes and pulls, every tablet request's credential):
// building and compiling a Kysely query costs more than SQLite's running a small one.

/** `?, ?, …`, one per value: the placeholders of an `in (…)` list. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

const numbered = new Map<string, string>();
/**
 * Runs one statement written with `?` placeholders (snake_case names), numbering them `$1, $2, …`
 * for PostgreSQL (the numbered text is kept for the next call).
 */
export async function rawQuery<R>(
  // biome-ignore lint/suspicious/noExplicitAny: raw statements run on any schema
  db: Kysely<any>,
  dialect: Dialect,
  text: string,
  params: readonly unknown[],
): Promise<R[]> {
  let q = text;
  if (dialect === 'postgres') {
    q = numbered.get(text) ?? '';
    if (!q) {
      let n = 0;
      q = text.replace(/\?/g, () => `$${++n}`);
      if (numbered.size < 1000) numbered.set(text, q);
    }
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(q, [...params]))).rows;
}

/** The dialect of a Kysely instance or transaction, from its adapter (for callers given only `db`). */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
