import { randomUUID } from 'node:crypto';
import {
  CURSOR_EXPIRED,
  pullResponse,
  pushResponse,
  SYNC_LIMITS,
  type SyncCursor,
  type SyncEvent,
} from '@lawh/shared';
import { scopesStartingOver } from '@lawh/shared/lib/sync-cursor';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../db/schema';
import { fillData, project } from './projection';
import { grantedScopes } from './scopes';
import { STATUS } from './sync.fixtures';

// A simulated tablet for the protocol tests: an outbox with gap-free device_seq, rows stored by
// (entity, key) with their scope (as the real tablet stores them), and a cursor per scope.

/** Sends a JSON body to a sync path; status 0 = the connection failed. */
export type Transport = (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;

interface LocalRow {
  scope: string;
  data: unknown;
}

export class SimDevice {
  outbox: SyncEvent[] = [];
  seq = 0;
  rows = new Map<string, LocalRow>();
  cursor: SyncCursor = {};
  /** Every event this tablet ever recorded. */
  recorded: SyncEvent[] = [];

  constructor(
    readonly deviceId: string,
    private readonly send: Transport,
  ) {}

  record(
    actorId: string,
    contentId: string,
    kind: 'lesson.opened' | 'lesson.completed' = 'lesson.completed',
  ) {
    const deviceSeq = ++this.seq;
    const e: SyncEvent = {
      id: randomUUID(),
      deviceId: this.deviceId,
      deviceSeq,
      actorId,
      kind,
      v: 1,
      clientTs: new Date(Date.UTC(2026, 10, 2, 8, 0, 0, deviceSeq)).toISOString(),
      payload:
        kind === 'lesson.opened' ? { contentId, version: 1 } : { contentId, version: 1, durationMs: 1000 },
    };
    this.outbox.push(e);
    this.recorded.push(e);
    return e;
  }

  /** One push of up to `max` events. `lose`: the answer never arrives, so nothing leaves the outbox. */
  async push(max: number, opts: { lose?: boolean; twice?: boolean } = {}): Promise<number> {
    const events = this.outbox.slice(0, Math.min(max, SYNC_LIMITS.pushMaxEvents));
    const body = { events, status: { ...STATUS, outboxCount: this.outbox.length } };
    if (opts.twice) await this.send('/api/sync/v1/push', body);
    const res = await this.send('/api/sync/v1/push', body);
    if (res.status !== 200 || opts.lose) return res.status;
    const { ackedSeq } = pushResponse.parse(res.json);
    this.outbox = this.outbox.filter((e) => e.deviceSeq > ackedSeq);
    return res.status;
  }

  /**
   * One pull page. `crash`: the rows are applied but the cursor is not saved (the harshest crash
   * between the two), so the next pull starts from the old cursor again.
   */
  async pull(opts: { crash?: boolean } = {}): Promise<'more' | 'done' | 'reset' | number> {
    const res = await this.send('/api/sync/v1/pull', { cursor: this.cursor });
    if (res.status === 410) {
      const err = (res.json as { error: { code: string; details: { scopes: string[] } } }).error;
      if (err.code !== CURSOR_EXPIRED) throw new Error(`unexpected 410 ${err.code}`);
      for (const s of err.details.scopes) {
        this.purge(s);
        this.cursor[s] = 0;
      }
      return 'reset';
    }
    if (res.status !== 200) return res.status;
    const page = pullResponse.parse(res.json);
    for (const s of page.removedScopes) this.purge(s);
    // A scope pulled from 0 is a snapshot: it replaces whatever a crash left behind (compaction may
    // have dropped the tombstones that would otherwise remove those rows). Same rule as the tablet.
    for (const s of scopesStartingOver(this.cursor, page.cursor)) this.dropRows(s);
    // page.cursor lists every granted scope: rows of any other scope (left by a crash before a
    // cursor was saved, so never named in removedScopes) are dropped too.
    for (const [k, r] of this.rows) if (!(r.scope in page.cursor)) this.rows.delete(k);
    for (const c of page.changes) {
      const k = `${c.entity}\u0000${c.key}`;
      if (c.op === 'put') this.rows.set(k, { scope: c.scope, data: c.data });
      else this.rows.delete(k);
    }
    if (!opts.crash) this.cursor = { ...page.cursor };
    return page.hasMore ? 'more' : 'done';
  }

  private purge(scope: string) {
    this.dropRows(scope);
    delete this.cursor[scope];
  }

  private dropRows(scope: string) {
    for (const [k, r] of this.rows) if (r.scope === scope) this.rows.delete(k);
  }

  /** Pushes everything and pulls to the end, retrying failed requests (up to `tries` failures). */
  async syncAll(tries = 50): Promise<void> {
    let failures = 0;
    const failed = (status: number) => {
      if (++failures > tries) throw new Error(`sync kept failing (last status ${status})`);
    };
    while (this.outbox.length > 0) {
      const before = this.outbox.length;
      const s = await this.push(SYNC_LIMITS.pushMaxEvents);
      if (s !== 200) failed(s);
      else if (this.outbox.length === before) throw new Error('the server acknowledged nothing');
    }
    // A final push with an empty batch, as the tablet does, then pages until the end.
    for (;;) {
      const r = await this.pull();
      if (r === 'done') return;
      if (typeof r === 'number') failed(r);
    }
  }

  /** The rows as the tablet holds them, keyed `entity key`, in a comparable form. */
  snapshot(): Record<string, LocalRow> {
    return Object.fromEntries([...this.rows].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** What the tablet should hold: the projection of its granted scopes, as it would arrive (JSON). */
export async function expectedRows(db: Kysely<DB>, deviceId: string): Promise<Record<string, LocalRow>> {
  const scopes = await grantedScopes(db, { deviceId });
  const out: Array<[string, LocalRow]> = [];
  for (const [scope, rows] of await project(db, scopes)) {
    await fillData(db, rows);
    for (const r of rows)
      out.push([`${r.entity}\u0000${r.key}`, { scope, data: JSON.parse(JSON.stringify(r.data)) }]);
  }
  return Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every event recorded by these tablets is held exactly once, and progress counts each stored completion once. */
export async function assertExactlyOnce(db: Kysely<DB>, devices: readonly SimDevice[]) {
  const stored = await db
    .selectFrom('syncEvents')
    .select(['id', 'deviceId', 'deviceSeq', 'actorId', 'kind', 'payload'])
    .execute();
  const held = await db.selectFrom('syncQuarantine').select(['eventId', 'deviceId', 'deviceSeq']).execute();
  const all = [
    ...stored.map((e) => ({ id: e.id, key: `${e.deviceId}/${e.deviceSeq}` })),
    ...held.map((e) => ({ id: e.eventId, key: `${e.deviceId}/${e.deviceSeq}` })),
  ];
  const recorded = devices.flatMap((d) => d.recorded);
  expect(all).toHaveLength(recorded.length);
  expect(new Set(all.map((e) => e.key)).size).toBe(recorded.length);
  expect(new Set(all.map((e) => e.id))).toEqual(new Set(recorded.map((e) => e.id)));
  // Progress counts each stored completion once.
  const completions = new Map<string, number>();
  for (const e of stored)
    if (e.kind === 'lesson.completed') {
      const k = `${e.actorId}/${(JSON.parse(e.payload) as { contentId: string }).contentId}`;
      completions.set(k, (completions.get(k) ?? 0) + 1);
    }
  const progress = await db
    .selectFrom('learnerProgress')
    .select(['learnerId', 'contentId', 'attempts'])
    .execute();
  const attempts = new Map(
    progress.filter((p) => p.attempts > 0).map((p) => [`${p.learnerId}/${p.contentId}`, p.attempts]),
  );
  expect(attempts).toEqual(completions);
}
