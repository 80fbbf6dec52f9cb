import { randomUUID } from 'node:crypto';
import { newId, type SyncChange, type SyncCursor, type SyncEvent } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { insertSchool, insertUser, type TestApp } from '../../../test/helpers';
import type { DB } from '../../db/schema';
import { nowIso } from '../../lib/time';
import { issueDeviceCredential } from '../../plugins/device-auth';

// Test data for the sync suite, written straight to the tables: a school with classes, learners,
// published content and assignments, and provisioned tablets.

export async function insertClass(db: Kysely<DB>, schoolId: string, title = '4AP-A'): Promise<string> {
  const now = nowIso();
  let year = await db
    .selectFrom('academicSessions')
    .select('id')
    .where('type', '=', 'schoolYear')
    .executeTakeFirst();
  if (!year) {
    year = { id: newId() };
    await db
      .insertInto('academicSessions')
      .values({
        id: year.id,
        title: '2026-2027',
        type: 'schoolYear',
        startDate: '2026-09-14',
        endDate: '2027-06-30',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  const id = newId();
  await db
    .insertInto('classes')
    .values({
      id,
      schoolId,
      yearId: year.id,
      title,
      cycle: 'primaire',
      level: '4AP',
      subject: 'math',
      searchText: title,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function enrol(
  db: Kysely<DB>,
  classId: string,
  userId: string,
  role: 'learner' | 'teacher' = 'learner',
) {
  const now = nowIso();
  await db
    .insertInto('enrolments')
    .values({ id: newId(), classId, userId, role, createdAt: now, updatedAt: now })
    .execute();
}

export async function insertContent(
  db: Kysely<DB>,
  authorId: string,
  title = 'Les fractions',
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const body = JSON.stringify({ blocks: [{ type: 'text', text: title }] });
  await db
    .insertInto('contentItems')
    .values({
      id,
      kind: 'lesson',
      schoolId: null,
      createdBy: authorId,
      title,
      cycle: 'primaire',
      level: '4AP',
      subject: 'math',
      unit: null,
      language: 'fr',
      draftBody: body,
      draftUpdatedAt: now,
      latestVersion: 1,
      createdAt: now,
      updatedAt: now,
      searchText: title,
    })
    .execute();
  await db
    .insertInto('contentVersions')
    .values({
      id: newId(),
      contentId: id,
      version: 1,
      title,
      cycle: 'primaire',
      level: '4AP',
      subject: 'math',
      unit: null,
      language: 'fr',
      body,
      publishedBy: authorId,
      publishedAt: now,
    })
    .execute();
  return id;
}

export async function assign(
  db: Kysely<DB>,
  classId: string,
  contentId: string,
  by: string,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('assignments')
    .values({
      id,
      classId,
      contentId,
      contentVersion: null,
      openAt: now,
      dueAt: null,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

let serial = 1;
export async function insertDevice(
  db: Kysely<DB>,
  schoolId: string,
  over: Partial<DB['devices']> = {},
): Promise<{ deviceId: string; token: string }> {
  const deviceId = newId();
  const now = nowIso();
  await db
    .insertInto('devices')
    .values({
      id: deviceId,
      serialNumber: `SYNC-${serial++}-${deviceId.slice(-6)}`,
      imei: null,
      model: 'Tab',
      batch: 'B',
      status: 'at_school',
      condition: 'good',
      schoolId,
      learnerId: null,
      searchText: '',
      createdAt: now,
      updatedAt: now,
      lastSyncAt: null,
      appVersion: null,
      freeStorageBytes: null,
      outboxCount: null,
      ...over,
    })
    .execute();
  const { token } = await issueDeviceCredential(db, deviceId, null);
  return { deviceId, token };
}

/** A school with one class, a teacher, `learners` learners, two assigned lessons and a shared tablet. */
export async function syncWorld(db: Kysely<DB>, learners = 3) {
  const schoolId = await insertSchool(db);
  const classId = await insertClass(db, schoolId);
  const teacher = await insertUser(db, 'teacher', schoolId);
  await enrol(db, classId, teacher.id, 'teacher');
  const learnerIds: string[] = [];
  for (let i = 0; i < learners; i++) {
    const l = await insertUser(db, 'learner', schoolId, { givenName: `L${i}` });
    await enrol(db, classId, l.id);
    learnerIds.push(l.id);
  }
  const contentIds = [
    await insertContent(db, teacher.id, 'Les fractions'),
    await insertContent(db, teacher.id, 'Les angles'),
  ];
  for (const c of contentIds) await assign(db, classId, c, teacher.id);
  const device = await insertDevice(db, schoolId);
  return { schoolId, classId, teacherId: teacher.id, learnerIds, contentIds, ...device };
}

/** An event of a tablet's outbox. */
export function lessonEvent(
  deviceId: string,
  deviceSeq: number,
  actorId: string,
  contentId: string,
  kind = 'lesson.completed',
): SyncEvent {
  return {
    id: randomUUID(),
    deviceId,
    deviceSeq,
    actorId,
    kind,
    v: 1,
    clientTs: new Date(Date.UTC(2026, 10, 2, 9, 0, deviceSeq % 60)).toISOString(),
    payload:
      kind === 'lesson.opened' ? { contentId, version: 1 } : { contentId, version: 1, durationMs: 60_000 },
  };
}

/**
 * A push body as the tablet lays it out (web/src/tablet/local-logic.ts, pushBody; ADR 0009): the
 * status first, a newline before each piece of events.
 */
export const tabletBody = (status: unknown, pieces: unknown[][]): string =>
  `{"status":${JSON.stringify(status)},"events":[${pieces
    .map((p, i) => `${i === 0 ? '\n' : ',\n'}${JSON.stringify(p).slice(1, -1)}`)
    .join('')}\n]}`;

export const STATUS = {
  appVersion: '1.0.0',
  freeStorageBytes: 1_000_000_000,
  usedStorageBytes: 5_000_000,
  outboxCount: 0,
};

/** Every change a fresh tablet pulls with this credential, page after page. */
export async function pullEverything(app: FastifyInstance, token: string): Promise<SyncChange[]> {
  let cursor: SyncCursor = {};
  const out: SyncChange[] = [];
  for (;;) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/v1/pull',
      headers: { authorization: `Bearer ${token}` },
      payload: { cursor },
    });
    if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
    const body = res.json();
    out.push(...body.changes);
    cursor = body.cursor;
    if (!body.hasMore) return out;
  }
}

/** The data of the rows of one entity that a list of changes puts. */
export const rowsOf = (changes: SyncChange[], entity: string) =>
  changes.filter((c) => c.entity === entity && c.op === 'put').map((c) => c.data as Record<string, unknown>);

/**
 * The sync routes as a tablet calls them, and the count of stored or held events, on the app a
 * suite's `beforeEach` made (`calls(() => t)`).
 */
export function syncCalls(app: () => TestApp) {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    bearer,
    push: (token: string, events: SyncEvent[], status = STATUS) =>
      app().app.inject({
        method: 'POST',
        url: '/api/sync/v1/push',
        headers: bearer(token),
        payload: { events, status },
      }),
    pull: (token: string, cursor: SyncCursor = {}) =>
      app().app.inject({
        method: 'POST',
        url: '/api/sync/v1/pull',
        headers: bearer(token),
        payload: { cursor },
      }),
    count: async (table: 'syncEvents' | 'syncQuarantine') =>
      Number(
        (
          await app()
            .db.selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
