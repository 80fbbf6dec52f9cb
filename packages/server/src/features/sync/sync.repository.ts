import type { SyncEvent } from '@lawh/shared';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database';
import { placeholders, rawQuery } from '../../db/raw';
import type { DB, LearnerProgressTable } from '../../db/schema';
import { bulkInsert, upsertClause } from './bulk';
import type { Progress } from './progress';

// SQL of the sync feature's own tables (events, acknowledgements, quarantine, progress, tablets).

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export type NewEvent = Omit<DB['syncEvents'], 'seq'>;
const EVENT_COLUMNS = [
  'id',
  'deviceId',
  'deviceSeq',
  'actorId',
  'kind',
  'v',
  'clientTs',
  'payload',
  'receivedAt',
] as const satisfies ReadonlyArray<keyof NewEvent>;
const PROGRESS_COLUMNS = [
  'learnerId',
  'contentId',
  'contentVersion',
  'status',
  'score',
  'attempts',
  'correct',
  'answered',
  'firstAt',
  'lastAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof LearnerProgressTable>;
const PROGRESS_UPSERT = upsertClause(['learnerId', 'contentId'], PROGRESS_COLUMNS);
export type NewQuarantine = Omit<DB['syncQuarantine'], 'seq' | 'resolvedAt'>;

export const syncRepository = {
  chunks,

  /**
   * On PostgreSQL, one push per tablet at a time (a resent request racing the original): what is
   * held is then known exactly inside the transaction. SQLite has a single writer.
   */
  async lockDevice(db: Kysely<DB>, dialect: Dialect, deviceId: string): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(1, hashtext(${deviceId}))`.execute(db);
  },

  /** The highest device_seq held for the tablet, stored or quarantined (0: none). */
  async lastSeq(db: Kysely<DB>, deviceId: string): Promise<number> {
    let last = 0;
    for (const t of ['syncEvents', 'syncQuarantine'] as const) {
      const r = await db
        .selectFrom(t)
        .select((eb) => eb.fn.max('deviceSeq').as('seq'))
        .where('deviceId', '=', deviceId)
        .executeTakeFirst();
      last = Math.max(last, Number(r?.seq ?? 0));
    }
    return last;
  },

  async ackedSeq(db: Kysely<DB>, dialect: Dialect, deviceId: string): Promise<number> {
    const [r] = await rawQuery<{ ackedSeq: number }>(
      db,
      dialect,
      'select acked_seq from device_sync_state where device_id = ?',
      [deviceId],
    );
    return r?.ackedSeq ?? 0;
  },

  /** Which device_seq in [from, to] are already stored or quarantined (a range: one index probe each). */
  async heldSeqs(
    db: Kysely<DB>,
    dialect: Dialect,
    deviceId: string,
    from: number,
    to: number,
  ): Promise<Set<number>> {
    const rows = await rawQuery<{ s: number }>(
      db,
      dialect,
      `select device_seq as s from sync_events where device_id = ? and device_seq between ? and ?
       union all
       select device_seq as s from sync_quarantine where device_id = ? and device_seq between ? and ?`,
      [deviceId, from, to, deviceId, from, to],
    );
    return new Set(rows.map((r) => Number(r.s)));
  },

  /** Staff and learners enrolled in a live class of this school, among these users, with their role. */
  async schoolMembers(
    db: Kysely<DB>,
    dialect: Dialect,
    schoolId: string,
    userIds: string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(userIds, 500))
      for (const r of await rawQuery<{ id: string; role: string }>(
        db,
        dialect,
        `select distinct u.id as id, e.role as role
         from enrolments e join classes c on c.id = e.class_id join users u on u.id = e.user_id
         where c.school_id = ? and c.archived_at is null and e.archived_at is null
           and u.archived_at is null and u.id in (${placeholders(part)})`,
        [schoolId, ...part],
      ))
        if (out.get(r.id) !== 'learner') out.set(r.id, r.role);
    return out;
  },

  /** Inserts events, ignoring any already held. */
  async insertEvents(db: Kysely<DB>, dialect: Dialect, rows: NewEvent[]): Promise<void> {
    await bulkInsert(
      db,
      dialect,
      'syncEvents',
      EVENT_COLUMNS,
      rows,
      'on conflict (device_id, device_seq) do nothing',
    );
  },

  /**
   * Moves an event push has just stored to the quarantine, for appliers whose rules need the
   * database (a closed task, a thread that is not the learner's): kept, shown to admins, never
   * applied, and still acknowledged, so it never blocks the tablet's queue.
   */
  async moveToQuarantine(db: Kysely<DB>, e: SyncEvent, reason: string, receivedAt: string): Promise<void> {
    await db
      .deleteFrom('syncEvents')
      .where('deviceId', '=', e.deviceId)
      .where('deviceSeq', '=', e.deviceSeq)
      .execute();
    await syncRepository.insertQuarantine(db, [
      {
        eventId: e.id,
        deviceId: e.deviceId,
        deviceSeq: e.deviceSeq,
        reason,
        event: JSON.stringify(e),
        receivedAt,
      },
    ]);
  },

  async insertQuarantine(db: Kysely<DB>, rows: NewQuarantine[]): Promise<number> {
    let n = 0;
    for (const part of chunks(rows, 300))
      n += (
        await db
          .insertInto('syncQuarantine')
          .values(part)
          .onConflict((oc) => oc.columns(['deviceId', 'deviceSeq']).doNothing())
          .returning('deviceSeq')
          .execute()
      ).length;
    return n;
  },

  /**
   * The highest device_seq reachable from `from` without a gap over stored and quarantined events
   * (events above a gap, pushed earlier, count once the gap is filled).
   */
  async gapFreeSeq(db: Kysely<DB>, deviceId: string, from: number): Promise<number> {
    let acked = from;
    for (;;) {
      const window = 2000;
      const seqs = new Set<number>();
      for (const t of ['syncEvents', 'syncQuarantine'] as const)
        for (const r of await db
          .selectFrom(t)
          .select('deviceSeq')
          .where('deviceId', '=', deviceId)
          .where('deviceSeq', '>', acked)
          .where('deviceSeq', '<=', acked + window)
          .execute())
          seqs.add(r.deviceSeq);
      const start = acked;
      while (seqs.has(acked + 1)) acked++;
      if (acked < start + window) return acked;
    }
  },

  /** Moves the acknowledgement forward, never back (two pushes of one tablet may race). */
  async setAcked(
    db: Kysely<DB>,
    dialect: Dialect,
    deviceId: string,
    ackedSeq: number,
    now: string,
  ): Promise<void> {
    await rawQuery(
      db,
      dialect,
      `insert into device_sync_state (device_id, acked_seq, updated_at) values (?, ?, ?)
       on conflict (device_id) do update set acked_seq = excluded.acked_seq, updated_at = excluded.updated_at
       where device_sync_state.acked_seq < excluded.acked_seq`,
      [deviceId, ackedSeq, now],
    );
  },

  /** The progress rows of these (learner, content) pairs that exist. */
  async progressRows(
    db: Kysely<DB>,
    dialect: Dialect,
    keys: Array<{ learnerId: string; contentId: string }>,
  ): Promise<Progress[]> {
    const wanted = new Set(keys.map((k) => `${k.learnerId}/${k.contentId}`));
    const out: Progress[] = [];
    // Plain SQL: every push with progress events runs it.
    for (const part of chunks([...new Set(keys.map((k) => k.learnerId))], 300))
      for (const r of await rawQuery<Progress>(
        db,
        dialect,
        `select learner_id, content_id, content_version, status, score, attempts, correct, answered,
           first_at, last_at
         from learner_progress where learner_id in (${placeholders(part)})`,
        part,
      ))
        if (wanted.has(`${r.learnerId}/${r.contentId}`)) out.push(r);
    return out;
  },

  async saveProgress(db: Kysely<DB>, dialect: Dialect, rows: Progress[], now: string): Promise<void> {
    const values: LearnerProgressTable[] = rows.map((r) => ({ ...r, updatedAt: now }));
    await bulkInsert(db, dialect, 'learnerProgress', PROGRESS_COLUMNS, values, PROGRESS_UPSERT);
  },

  async reportStatus(
    db: Kysely<DB>,
    dialect: Dialect,
    device: { deviceId: string; credentialId: string },
    status: { appVersion: string; freeStorageBytes: number | null; outboxCount: number },
    now: string,
  ): Promise<void> {
    await rawQuery(
      db,
      dialect,
      'update devices set last_sync_at = ?, app_version = ?, free_storage_bytes = ?, outbox_count = ? where id = ?',
      [now, status.appVersion, status.freeStorageBytes, status.outboxCount, device.deviceId],
    );
    await rawQuery(db, dialect, 'update device_credentials set last_seen_at = ? where id = ?', [
      now,
      device.credentialId,
    ]);
  },
};
