import { randomUUID } from 'node:crypto';
import { backoffMs } from '@lawh/shared/lib/backoff';
import { sql } from 'kysely';
import type { Database } from '../../db/database';

// The pub/sub behind GET /api/sync/v1/live and the pull-time dirty check. Within a process it is
// in memory. On PostgreSQL, several server instances can share one database: every poke is also
// NOTIFYed on a channel that each instance LISTENs to, and each pokes its own live tablets and
// marks the scopes dirty for its own pulls (docs/sync-protocol.md, "Several server instances").
// SQLite is one process by construction (a school hub), so it stays in memory.

interface Listener {
  scopes: ReadonlySet<string>;
  poke: () => void;
}

const listeners = new Set<Listener>();
/** Scopes written since they were last projected: the next pull projects them again at once. */
const dirty = new Set<string>();

/** Pokes travelling to other instances; empty on SQLite. */
interface Relay {
  publish(scopes: readonly string[], markDirty: boolean): void;
}
const relays = new Set<Relay>();

function pokeHere(scopes: readonly string[], markDirty: boolean): void {
  if (markDirty) for (const s of scopes) dirty.add(s);
  const changed = new Set(scopes);
  if (changed.size === 0) return;
  for (const l of listeners)
    for (const s of l.scopes)
      if (changed.has(s)) {
        l.poke();
        break;
      }
}

function pokeEverywhere(scopes: Iterable<string>, markDirty: boolean): void {
  const list = [...new Set(scopes)];
  if (list.length === 0) return;
  pokeHere(list, markDirty);
  for (const r of relays) r.publish(list, markDirty);
}

/** Tells live tablets holding any of these scopes to pull now, without marking them dirty. */
export function notifyScopes(scopes: Iterable<string>): void {
  pokeEverywhere(scopes, false);
}

/**
 * Call after any write that changes what tablets should hold (a new or withdrawn assignment, a roster
 * or sign-in change), once it is committed: the scopes are projected again at the next pull and live
 * tablets pull now, on every instance. Poke `school:<id>` when the set of classes, learners or
 * content of a school changes: every tablet of the school then pulls and the server works out its
 * new scopes.
 */
export function pokeScopes(scopes: Iterable<string>): void {
  pokeEverywhere(scopes, true);
}

export function isDirty(scope: string): boolean {
  return dirty.has(scope);
}

/** Called just before a scope is projected: a poke during the projection marks it again. */
export function clearDirty(scopes: Iterable<string>): void {
  for (const s of scopes) dirty.delete(s);
}

export function subscribe(scopes: ReadonlySet<string>, poke: () => void): () => void {
  const l: Listener = { scopes, poke };
  listeners.add(l);
  return () => listeners.delete(l);
}

// ---------------------------------------------------------------------------------------------
// Between instances: PostgreSQL LISTEN/NOTIFY

export const POKE_CHANNEL = 'lawh_sync_poke';
/** NOTIFY payloads must stay under 8000 bytes; a long list of scopes goes in several. */
const MAX_PAYLOAD = 7000;

/** One NOTIFY payload: the sending instance, whether to mark dirty, the scopes. */
interface PokeMessage {
  o: string;
  d: 0 | 1;
  s: string[];
}

function payloads(origin: string, scopes: readonly string[], markDirty: boolean): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  const encode = (s: string[]) =>
    JSON.stringify({ o: origin, d: markDirty ? 1 : 0, s } satisfies PokeMessage);
  for (const scope of scopes) {
    if (batch.length && Buffer.byteLength(encode([...batch, scope])) > MAX_PAYLOAD) {
      out.push(encode(batch));
      batch = [];
    }
    batch.push(scope);
  }
  if (batch.length) out.push(encode(batch));
  return out;
}

function parse(payload: string): PokeMessage | null {
  try {
    const m = JSON.parse(payload) as Partial<PokeMessage>;
    if (typeof m.o !== 'string' || !Array.isArray(m.s)) return null;
    return { o: m.o, d: m.d === 1 ? 1 : 0, s: m.s.filter((s): s is string => typeof s === 'string') };
  } catch {
    return null;
  }
}

interface RelayLog {
  warn(obj: object, msg: string): void;
}

/**
 * Joins this instance to the others on the same PostgreSQL database until the returned function is
 * called (the sync feature does it for the app's lifetime). A no-op on SQLite. A lost LISTEN
 * connection is opened again with backoff; pokes missed meanwhile are caught up by the time-bounded
 * refresh of pulls (SYNC_CONFIG) and the tablets' periodic sync.
 */
export async function startPokeRelay(database: Database, log: RelayLog): Promise<() => Promise<void>> {
  const listen = database.listen;
  if (!listen) return async () => {};
  const origin = randomUUID();
  let unlisten: (() => Promise<void>) | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let attempt = 0;

  const received = (payload: string) => {
    const m = parse(payload);
    if (m && m.o !== origin) pokeHere(m.s, m.d === 1);
  };
  const again = () => {
    if (stopped || retry) return;
    retry = setTimeout(
      () => {
        retry = null;
        void connect();
      },
      backoffMs(++attempt, { baseMs: 500, capMs: 30_000 }),
    );
    retry.unref();
  };
  const connect = async () => {
    try {
      const stop = await listen(POKE_CHANNEL, received, (error) => {
        unlisten = null;
        log.warn({ err: error }, 'sync pokes: lost the LISTEN connection; opening it again');
        again();
      });
      if (stopped) return void (await stop());
      unlisten = stop;
      attempt = 0;
    } catch (error) {
      log.warn({ err: error }, 'sync pokes: cannot LISTEN; other instances will not poke this one');
      again();
    }
  };

  const relay: Relay = {
    publish(scopes, markDirty) {
      // After the caller's commit, outside any transaction: delivered at once. A failure costs
      // only promptness (the refresh catches up), never the write, so it is logged, not thrown.
      for (const p of payloads(origin, scopes, markDirty))
        sql`select pg_notify(${POKE_CHANNEL}, ${p})`
          .execute(database.db)
          .catch((error: unknown) => log.warn({ err: error }, 'sync pokes: NOTIFY failed'));
    },
  };
  relays.add(relay);
  await connect();
  return async () => {
    stopped = true;
    relays.delete(relay);
    if (retry) clearTimeout(retry);
    await unlisten?.();
    unlisten = null;
  };
}
