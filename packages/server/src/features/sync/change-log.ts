import type { SyncChange, SyncCursor, SyncEntity } from '@lawh/shared';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database';
import { placeholders, rawQuery } from '../../db/raw';
import type { DB } from '../../db/schema';
import { bulkInsert, upsertClause } from './bulk';
import { fillData, mediaHashes, type ProjectedRow, type ProjectOptions, project } from './projection';

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
 * Appends to the log what differs between the given rows and what the log holds, for each scope.
 * `complete`: the rows are the whole scope, so a logged row missing from them becomes a tombstone;
 * otherwise only the given keys count. `unprojected`: entities left out of a complete projection,
 * whose logged rows stay as they are. Returns the scopes that changed. Call with the lock held.
 */
export async function writeRows(
  trx: Kysely<DB>,
  dialect: Dialect,
  byScope: ReadonlyMap<string, ProjectedRow[]>,
  complete: boolean,
  at: string,
  unprojected: readonly SyncEntity[] = [],
): Promise<string[]> {
  const id = (scope: string, entity: string, key: string) => `${scope}\u0000${entity}\u0000${key}`;
  const logged = new Map<string, string>();
  const entities = [...new Set([...byScope.values()].flatMap((rows) => rows.map((r) => r.entity)))];
  for (const part of chunks([...byScope.keys()], 300)) {
    // Plain SQL: every push with progress runs it. A partial write compares only the entities it
    // brings (a learner's progress, not the learner).
    let text = `select scope, entity, entity_key, hash from sync_scope_rows where scope in (${placeholders(part)})`;
    const params: string[] = [...part];
    const only = complete ? [] : entities.length ? entities : ['-'];
    if (only.length) text += ` and entity in (${placeholders(only)})`;
    else if (unprojected.length) text += ` and entity not in (${placeholders(unprojected)})`;
    params.push(...(only.length ? only : unprojected));
    for (const r of await rawQuery<{ scope: string; entity: string; entityKey: string; hash: string }>(
      trx,
      dialect,
      text,
      params,
    ))
      logged.set(id(r.scope, r.entity, r.entityKey), r.hash);
  }

  const puts: Array<ProjectedRow & { scope: string }> = [];
  const dels: Array<{ scope: string; entity: string; entityKey: string }> = [];
  const present = new Set<string>();
  for (const [scope, rows] of byScope)
    for (const r of rows) {
      const k = id(scope, r.entity, r.key);
      present.add(k);
      if (logged.get(k) !== r.hash) puts.push({ ...r, scope });
    }
  if (complete)
    for (const k of logged.keys())
      if (!present.has(k)) {
        const [scope, entity, entityKey] = k.split('\u0000') as [string, string, string];
        dels.push({ scope, entity, entityKey });
      }
  if (puts.length === 0 && dels.length === 0) return [];
  await fillData(trx, puts);
  const sendable = puts.filter((p) => p.data !== undefined);

  const log = [
    ...sendable.map((p) => ({
      scope: p.scope,
      entity: p.entity,
      entityKey: p.key,
      op: 'put' as const,
      data: JSON.stringify(p.data),
      at,
    })),
    ...dels.map((d) => ({ ...d, op: 'del' as const, data: null, at })),
  ];
  await dropSuperseded(trx, dialect, log);
  // Rows go in seq order within one statement on both databases.
  await bulkInsert(trx, dialect, 'changeLog', ['scope', 'entity', 'entityKey', 'op', 'data', 'at'], log);
  // With the media each row references: a tablet may fetch those files (scopes.ts mayFetchMedia).
  await bulkInsert(
    trx,
    dialect,
    'syncScopeRows',
    ['scope', 'entity', 'entityKey', 'hash', 'media'],
    sendable.map((p) => {
      const media = mediaHashes(p.data, new Set());
      return {
        scope: p.scope,
        entity: p.entity,
        entityKey: p.key,
        hash: p.hash,
        media: media.size ? [...media].join(' ') : null,
      };
    }),
    upsertClause(['scope', 'entity', 'entityKey'], ['hash', 'media']),
  );
  for (const d of dels)
    await trx
      .deleteFrom('syncScopeRows')
      .where('scope', '=', d.scope)
      .where('entity', '=', d.entity)
      .where('entityKey', '=', d.entityKey)
      .execute();
  return [...new Set(log.map((l) => l.scope))];
}

/**
 * Deletes the logged puts of these keys, about to be superseded by the rows appended next in the
 * same transaction. Their seq is higher, so any cursor that would have read an older put reads the
 * newer row instead: a fresh tablet gets one change per row, not its history. Tombstones stay
 * until compaction (a cursor that missed one must be told through the horizon).
 */
async function dropSuperseded(
  trx: Kysely<DB>,
  dialect: Dialect,
  rows: ReadonlyArray<{ scope: string; entity: string; entityKey: string }>,
): Promise<void> {
  const keysOf = new Map<string, { scope: string; entity: string; keys: string[] }>();
  for (const r of rows) {
    const g = `${r.scope}\u0000${r.entity}`;
    const group = keysOf.get(g) ?? { scope: r.scope, entity: r.entity, keys: [] };
    group.keys.push(r.entityKey);
    keysOf.set(g, group);
  }
  // (scope, entity, entity_key in …) walks the changeLogScopeKey index. Plain SQL: this runs once
  // per learner in every push, and building it through Kysely cost more than running it.
  for (const { scope, entity, keys } of keysOf.values())
    for (const part of chunks(keys, 500))
      await rawQuery(
        trx,
        dialect,
        `delete from change_log where op = 'put' and scope = ? and entity = ? and entity_key in (${placeholders(part)})`,
        [scope, entity, ...part],
      );
}

/**
 * Projects these scopes and appends what changed, in one transaction. Returns the scopes that
 * changed. `opts.progress: false` leaves learners' progress rows out (see ProjectOptions).
 */
export async function materialise(
  db: Kysely<DB>,
  dialect: Dialect,
  scopes: readonly string[],
  at: string,
  opts: ProjectOptions = {},
): Promise<string[]> {
  if (scopes.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockChangeLog(trx, dialect);
    const rows = await project(trx, scopes, opts);
    const changed = await writeRows(
      trx,
      dialect,
      rows,
      true,
      at,
      opts.progress === false ? ['progress'] : [],
    );
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
  dialect: Dialect,
  scopes: readonly string[],
): Promise<Map<string, { builtAt: string | null; horizonSeq: number }>> {
  const out = new Map<string, { builtAt: string | null; horizonSeq: number }>();
  // Raw SQL: every pull reads the states of all its scopes (a shared tablet has a hundred or more).
  for (const part of chunks(scopes, 500))
    for (const s of await rawQuery<{ scope: string; builtAt: string | null; horizonSeq: number }>(
      db,
      dialect,
      `select scope, built_at, horizon_seq from sync_scopes where scope in (${placeholders(part)})`,
      part,
    ))
      out.set(s.scope, { builtAt: s.builtAt, horizonSeq: Number(s.horizonSeq) });
  return out;
}

/**
 * Changes after the cursor of each scope, in seq order, up to `maxRows` rows and about `maxBytes`
 * of data (always at least one row). `more`: rows were left for the next page.
 */
export async function readChanges(
  db: Kysely<DB>,
  dialect: Dialect,
  cursor: SyncCursor,
  maxRows: number,
  maxBytes: number,
): Promise<{ changes: SyncChange[]; more: boolean }> {
  const entries = Object.entries(cursor);
  if (entries.length === 0) return { changes: [], more: false };
  // A VALUES list joined on (scope, seq > after) uses the (scope, seq) index per scope, for any
  // number of scopes; the cast gives PostgreSQL the parameter's type. Raw SQL: building it
  // through Kysely cost more than running it for a shared tablet's hundred scopes.
  const rows = await rawQuery<{
    seq: number;
    scope: string;
    entity: string;
    entityKey: string;
    op: string;
    data: string | null;
  }>(
    db,
    dialect,
    `with c(scope, after_seq) as (values ${entries.map(() => '(?, cast(? as integer))').join(', ')})
     select l.seq, l.scope, l.entity, l.entity_key, l.op, l.data
     from change_log l join c on l.scope = c.scope and l.seq > c.after_seq
     order by l.seq limit ?`,
    [...entries.flat(), maxRows + 1],
  );
  const changes: SyncChange[] = [];
  let bytes = 0;
  for (const r of rows) {
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
 * Compaction. Superseded puts (of any age) and tombstones older than `before` are dropped; each
 * scope's horizon becomes the highest tombstone seq dropped, so a cursor below it (which may have
 * missed that delete) is answered 410 and starts over from 0: a full snapshot of the rows still logged.
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
    // Superseded rows go whatever their age (writeRows drops superseded puts as it appends; this
    // catches logs written before it did), tombstones only past the horizon.
    const res = await trx
      .deleteFrom('changeLog as l')
      .where((eb) =>
        eb.or([
          eb.and([eb('l.op', '=', 'del'), eb('l.at', '<', before)]),
          eb.and([
            eb('l.op', '=', 'put'),
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
        ]),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  });
}
