import type { SyncChange, SyncCursor } from '@lawh/shared';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database';
import type { DB } from '../../db/schema';
import { fillData, type ProjectedRow, project } from './projection';

// The change log (docs/adr/0006-sync-change-log.md): every server row a tablet may hold is appended
// here as put/del per scope; tablets read it by seq with a cursor per scope.

/** Any constant: the key of the transaction-level advisory lock that serialises change-log writers. */
const CHANGE_LOG_LOCK = 0x1a3b;

/**
 * On PostgreSQL, sequence values are taken at insert but commit in any order, so a reader could see
 * seq 12 committed before 11 and move its cursor past 11 forever. Every change-log writer takes this
 * lock first, inside its transaction: seq order is then commit order. SQLite has a single writer.
 */
export async function lockChangeLog(trx: Kysely<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx);
}

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/**
 * Appends to the log what differs between `rows` and what the log holds for this scope. `complete`:
 * `rows` is the whole scope, so a logged row missing from it becomes a tombstone; otherwise only the
 * given keys are compared. Returns the number of changes appended. Call with the lock held.
 */
export async function writeRows(
  trx: Kysely<DB>,
  scope: string,
  rows: ProjectedRow[],
  complete: boolean,
  at: string,
): Promise<number> {
  const logged = new Map<string, string>();
  const id = (entity: string, key: string) => `${entity}\u0000${key}`;
  const base = trx
    .selectFrom('syncScopeRows')
    .select(['entity', 'entityKey', 'hash'])
    .where('scope', '=', scope);
  if (complete) for (const r of await base.execute()) logged.set(id(r.entity, r.entityKey), r.hash);
  else
    for (const part of chunks(rows, 300))
      for (const r of await base
        .where((eb) =>
          eb.or(part.map((p) => eb.and([eb('entity', '=', p.entity), eb('entityKey', '=', p.key)]))),
        )
        .execute())
        logged.set(id(r.entity, r.entityKey), r.hash);

  const puts = rows.filter((r) => logged.get(id(r.entity, r.key)) !== r.hash);
  const present = new Set(rows.map((r) => id(r.entity, r.key)));
  const dels = complete
    ? [...logged.keys()].filter((k) => !present.has(k)).map((k) => k.split('\u0000') as [string, string])
    : [];
  if (puts.length === 0 && dels.length === 0) return 0;
  await fillData(trx, puts);
  const sendable = puts.filter((p) => p.data !== undefined);

  const log = [
    ...sendable.map((p) => ({
      scope,
      entity: p.entity,
      entityKey: p.key,
      op: 'put' as const,
      data: JSON.stringify(p.data),
      at,
    })),
    ...dels.map(([entity, entityKey]) => ({ scope, entity, entityKey, op: 'del' as const, data: null, at })),
  ];
  for (const part of chunks(log, 200)) await trx.insertInto('changeLog').values(part).execute();
  for (const part of chunks(sendable, 300))
    await trx
      .insertInto('syncScopeRows')
      .values(part.map((p) => ({ scope, entity: p.entity, entityKey: p.key, hash: p.hash })))
      .onConflict((oc) =>
        oc.columns(['scope', 'entity', 'entityKey']).doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash') })),
      )
      .execute();
  for (const [entity, entityKey] of dels)
    await trx
      .deleteFrom('syncScopeRows')
      .where('scope', '=', scope)
      .where('entity', '=', entity)
      .where('entityKey', '=', entityKey)
      .execute();
  return log.length;
}

/** Projects these scopes and appends what changed, in one transaction. Returns the scopes that changed. */
export async function materialise(
  db: Kysely<DB>,
  dialect: Dialect,
  scopes: readonly string[],
  at: string,
): Promise<string[]> {
  if (scopes.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockChangeLog(trx, dialect);
    const projected = await project(trx, scopes);
    const changed: string[] = [];
    for (const [scope, rows] of projected)
      if ((await writeRows(trx, scope, rows, true, at)) > 0) changed.push(scope);
    for (const part of chunks(scopes, 300))
      await trx
        .insertInto('syncScopes')
        .values(part.map((scope) => ({ scope, builtAt: at, horizonSeq: 0 })))
        .onConflict((oc) => oc.column('scope').doUpdateSet({ builtAt: at }))
        .execute();
    return changed;
  });
}

/** When each scope was last projected, and its horizon. Scopes never projected are absent. */
export async function scopeStates(
  db: Kysely<DB>,
  scopes: readonly string[],
): Promise<Map<string, { builtAt: string | null; horizonSeq: number }>> {
  const out = new Map<string, { builtAt: string | null; horizonSeq: number }>();
  for (const part of chunks(scopes, 500))
    for (const s of await db.selectFrom('syncScopes').selectAll().where('scope', 'in', part).execute())
      out.set(s.scope, { builtAt: s.builtAt, horizonSeq: s.horizonSeq });
  return out;
}

/**
 * Changes after the cursor of each scope, in seq order, up to `maxRows` rows and about `maxBytes`
 * of data (always at least one row). `more`: rows were left for the next page.
 */
export async function readChanges(
  db: Kysely<DB>,
  cursor: SyncCursor,
  maxRows: number,
  maxBytes: number,
): Promise<{ changes: SyncChange[]; more: boolean }> {
  const entries = Object.entries(cursor);
  if (entries.length === 0) return { changes: [], more: false };
  // A VALUES list joined on (scope, seq > after) uses the (scope, seq) index per scope, for any
  // number of scopes; the cast gives PostgreSQL the parameter's type.
  const after = sql.join(entries.map(([s, c]) => sql`(${s}, cast(${c} as integer))`));
  const rows = await sql<{
    seq: number;
    scope: string;
    entity: string;
    entityKey: string;
    op: string;
    data: string | null;
  }>`
    with c(scope, after_seq) as (values ${after})
    select l.seq, l.scope, l.entity, l.entity_key, l.op, l.data
    from change_log l join c on l.scope = c.scope and l.seq > c.after_seq
    order by l.seq limit ${maxRows + 1}`.execute(db);
  const changes: SyncChange[] = [];
  let bytes = 0;
  for (const r of rows.rows) {
    if (changes.length === maxRows || (changes.length > 0 && bytes + (r.data?.length ?? 0) > maxBytes))
      return { changes, more: true };
    bytes += (r.data?.length ?? 0) + r.entityKey.length + r.scope.length + 40;
    const change: SyncChange = {
      seq: Number(r.seq),
      scope: r.scope,
      entity: r.entity as SyncChange['entity'],
      key: r.entityKey,
      op: r.op as SyncChange['op'],
    };
    if (r.op === 'put' && r.data !== null) change.data = JSON.parse(r.data);
    changes.push(change);
  }
  return { changes, more: false };
}

/**
 * Compaction. Superseded rows and tombstones older than `before` are dropped; each scope's horizon
 * becomes the highest tombstone seq dropped, so a cursor below it (which may have missed that
 * delete) is answered 410 and starts over from 0: a full snapshot of the rows still logged.
 */
export async function compact(db: Kysely<DB>, dialect: Dialect, before: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockChangeLog(trx, dialect);
    const horizons = await trx
      .selectFrom('changeLog')
      .select(['scope', (eb) => eb.fn.max('seq').as('seq')])
      .where('op', '=', 'del')
      .where('at', '<', before)
      .groupBy('scope')
      .execute();
    for (const h of horizons) {
      const seq = Number(h.seq);
      await trx
        .insertInto('syncScopes')
        .values({ scope: h.scope, builtAt: null, horizonSeq: seq })
        .onConflict((oc) =>
          oc.column('scope').doUpdateSet({ horizonSeq: seq }).where('syncScopes.horizonSeq', '<', seq),
        )
        .execute();
    }
    const res = await trx
      .deleteFrom('changeLog as l')
      .where('l.at', '<', before)
      .where((eb) =>
        eb.or([
          eb('l.op', '=', 'del'),
          eb.exists(
            eb
              .selectFrom('changeLog as n')
              .select('n.seq')
              .whereRef('n.scope', '=', 'l.scope')
              .whereRef('n.entity', '=', 'l.entity')
              .whereRef('n.entityKey', '=', 'l.entityKey')
              .whereRef('n.seq', '>', 'l.seq'),
          ),
        ]),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  });
}
