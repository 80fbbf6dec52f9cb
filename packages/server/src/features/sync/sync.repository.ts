import type { Kysely } from 'kysely';
import type { DB, LearnerProgressTable } from '../../db/schema';
import type { Progress } from './progress';

// SQL of the sync feature's own tables (events, acknowledgements, quarantine, progress, tablets).

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export type NewEvent = Omit<DB['syncEvents'], 'seq'>;
export type NewQuarantine = Omit<DB['syncQuarantine'], 'seq' | 'resolvedAt'>;

export const syncRepository = {
  chunks,

  async ackedSeq(db: Kysely<DB>, deviceId: string): Promise<number> {
    const r = await db
      .selectFrom('deviceSyncState')
      .select('ackedSeq')
      .where('deviceId', '=', deviceId)
      .executeTakeFirst();
    return r?.ackedSeq ?? 0;
  },

  /** Which of these device_seq are already stored or quarantined. */
  async presentSeqs(db: Kysely<DB>, deviceId: string, seqs: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const part of chunks(seqs, 500)) {
      const stored = await db
        .selectFrom('syncEvents')
        .select('deviceSeq')
        .where('deviceId', '=', deviceId)
        .where('deviceSeq', 'in', part)
        .execute();
      const held = await db
        .selectFrom('syncQuarantine')
        .select('deviceSeq')
        .where('deviceId', '=', deviceId)
        .where('deviceSeq', 'in', part)
        .execute();
      for (const r of [...stored, ...held]) out.add(r.deviceSeq);
    }
    return out;
  },

  /** Staff and learners enrolled in a live class of this school, among these users, with their role. */
  async schoolMembers(db: Kysely<DB>, schoolId: string, userIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(userIds, 500))
      for (const r of await db
        .selectFrom('enrolments')
        .innerJoin('classes', 'classes.id', 'enrolments.classId')
        .innerJoin('users', 'users.id', 'enrolments.userId')
        .select(['users.id', 'enrolments.role'])
        .distinct()
        .where('classes.schoolId', '=', schoolId)
        .where('classes.archivedAt', 'is', null)
        .where('enrolments.archivedAt', 'is', null)
        .where('users.archivedAt', 'is', null)
        .where('users.id', 'in', part)
        .execute())
        if (out.get(r.id) !== 'learner') out.set(r.id, r.role);
    return out;
  },

  /** Inserts events once; answers the device_seq of those actually inserted now. */
  async insertEvents(db: Kysely<DB>, rows: NewEvent[]): Promise<Set<number>> {
    const inserted = new Set<number>();
    for (const part of chunks(rows, 300))
      for (const r of await db
        .insertInto('syncEvents')
        .values(part)
        .onConflict((oc) => oc.columns(['deviceId', 'deviceSeq']).doNothing())
        .returning('deviceSeq')
        .execute())
        inserted.add(r.deviceSeq);
    return inserted;
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

  /** The highest device_seq reachable from `from` without a gap, over stored and quarantined events. */
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
  async setAcked(db: Kysely<DB>, deviceId: string, ackedSeq: number, now: string): Promise<void> {
    await db
      .insertInto('deviceSyncState')
      .values({ deviceId, ackedSeq: 0, updatedAt: now })
      .onConflict((oc) => oc.column('deviceId').doNothing())
      .execute();
    await db
      .updateTable('deviceSyncState')
      .set({ ackedSeq, updatedAt: now })
      .where('deviceId', '=', deviceId)
      .where('ackedSeq', '<', ackedSeq)
      .execute();
  },

  async progressRows(
    db: Kysely<DB>,
    keys: Array<{ learnerId: string; contentId: string }>,
  ): Promise<Progress[]> {
    const out: Progress[] = [];
    for (const part of chunks(keys, 200))
      out.push(
        ...(await db
          .selectFrom('learnerProgress')
          .select([
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
          ])
          .where((eb) =>
            eb.or(
              part.map((k) => eb.and([eb('learnerId', '=', k.learnerId), eb('contentId', '=', k.contentId)])),
            ),
          )
          .execute()),
      );
    return out;
  },

  async saveProgress(db: Kysely<DB>, rows: Progress[], now: string): Promise<void> {
    for (const part of chunks(rows, 200)) {
      const values: LearnerProgressTable[] = part.map((r) => ({ ...r, updatedAt: now }));
      await db
        .insertInto('learnerProgress')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['learnerId', 'contentId']).doUpdateSet((eb) => ({
            contentVersion: eb.ref('excluded.contentVersion'),
            status: eb.ref('excluded.status'),
            score: eb.ref('excluded.score'),
            attempts: eb.ref('excluded.attempts'),
            correct: eb.ref('excluded.correct'),
            answered: eb.ref('excluded.answered'),
            firstAt: eb.ref('excluded.firstAt'),
            lastAt: eb.ref('excluded.lastAt'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        .execute();
    }
  },

  async reportStatus(
    db: Kysely<DB>,
    device: { deviceId: string; credentialId: string },
    status: { appVersion: string; freeStorageBytes: number | null; outboxCount: number },
    now: string,
  ): Promise<void> {
    await db
      .updateTable('devices')
      .set({
        lastSyncAt: now,
        appVersion: status.appVersion,
        freeStorageBytes: status.freeStorageBytes,
        outboxCount: status.outboxCount,
      })
      .where('id', '=', device.deviceId)
      .execute();
    await db
      .updateTable('deviceCredentials')
      .set({ lastSeenAt: now })
      .where('id', '=', device.credentialId)
      .execute();
  },
};
