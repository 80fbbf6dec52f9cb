import { randomUUID } from 'node:crypto';
import type { SyncEvent } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import {
  enrol,
  insertClass,
  insertDevice,
  pullEverything,
  rowsOf,
  STATUS,
  syncWorld,
} from '../sync/sync.fixtures';

let t: TestApp;
let w: Awaited<ReturnType<typeof syncWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await syncWorld(t.db, 2);
});
afterEach(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const push = (token: string, events: SyncEvent[]) =>
  t.app.inject({
    method: 'POST',
    url: '/api/sync/v1/push',
    headers: bearer(token),
    payload: { events, status: STATUS },
  });

const pullAll = (token: string) => pullEverything(t.app, token);

async function teacher() {
  const u = await t.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', w.teacherId)
    .executeTakeFirstOrThrow();
  return signIn(t.app, u.username as string);
}

async function insertTask(classId: string): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await t.db
    .insertInto('assignments')
    .values({
      id,
      classId,
      contentId: null,
      contentVersion: null,
      kind: 'task',
      title: 'Ma maison',
      openAt: now,
      dueAt: null,
      createdBy: w.teacherId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

const commentEvent = (
  deviceId: string,
  deviceSeq: number,
  actorId: string,
  payload: Record<string, unknown>,
): SyncEvent => ({
  id: randomUUID(),
  deviceId,
  deviceSeq,
  actorId,
  kind: 'comment.posted',
  v: 1,
  clientTs: new Date(Date.now() - 60_000).toISOString(),
  payload,
});

describe(`messages over sync (${testDialect})`, () => {
  it("a tablet pulls its classes' announcements and its school's quiet hours, not another class's", async () => {
    const otherClass = await insertClass(t.db, w.schoolId, '4AP-B');
    const l0 = w.learnerIds[0] as string;
    const me = await teacher();
    expect(
      (await me.post(`/api/v1/classes/${w.classId}/announcements`, { body: 'Demain : sortie.' })).statusCode,
    ).toBe(201);
    await t.db
      .insertInto('announcements')
      .values({
        id: 'elsewhere',
        classId: otherClass,
        authorId: w.teacherId,
        body: 'Autre classe',
        createdAt: nowIso(),
      })
      .execute();
    // A tablet handed to a learner holds only that learner's classes.
    const handed = await insertDevice(t.db, w.schoolId, { learnerId: l0, status: 'with_learner' });
    const changes = await pullAll(handed.token);
    expect(rowsOf(changes, 'announcement').map((a) => a.body)).toEqual(['Demain : sortie.']);
    expect(rowsOf(changes, 'school')[0]?.quietHours).toEqual({ start: '21:00', end: '07:00' });

    // A deleted announcement becomes a tombstone on the next pull.
    const [a] = rowsOf(changes, 'announcement') as [{ id: string }];
    await me.request({ method: 'DELETE', url: `/api/v1/classes/${w.classId}/announcements/${a.id}` });
    const after = await pullAll(handed.token);
    expect(rowsOf(after, 'announcement')).toEqual([]);
  });

  it("a learner's comment from the tablet reaches the teacher's thread, and the reply comes back to that learner only", async () => {
    const [l0, l1] = w.learnerIds as [string, string];
    const task = await insertTask(w.classId);
    // w.token: the school's shared tablet, used by both learners.
    const shared = w;
    const res = await push(shared.token, [
      commentEvent(shared.deviceId, 1, l0, {
        commentId: 'c-1',
        assignmentId: task,
        learnerId: l0,
        body: "Je n'ai pas de photo de la cuisine.",
      }),
    ]);
    expect(res.json()).toMatchObject({ ackedSeq: 1, quarantined: 0 });
    // Sent again (the answer was lost): one comment.
    await push(shared.token, [
      commentEvent(shared.deviceId, 1, l0, {
        commentId: 'c-1',
        assignmentId: task,
        learnerId: l0,
        body: "Je n'ai pas de photo de la cuisine.",
      }),
    ]);

    const me = await teacher();
    const thread = (await me.get(`/api/v1/assignments/${task}/threads/${l0}`)).json().items;
    expect(thread).toMatchObject([{ id: 'c-1', authorRole: 'learner', learnerId: l0 }]);
    await me.post(`/api/v1/assignments/${task}/threads/${l0}`, { body: 'Dessine-la, alors.' });
    await me.post(`/api/v1/assignments/${task}/threads/${l1}`, { body: 'Pour toi seulement.' });

    // The learner's own tablet holds their thread, never a classmate's.
    const mine = await insertDevice(t.db, w.schoolId, { learnerId: l0, status: 'with_learner' });
    const comments = rowsOf(await pullAll(mine.token), 'comment');
    expect(comments.map((c) => c.body).sort()).toEqual([
      'Dessine-la, alors.',
      "Je n'ai pas de photo de la cuisine.",
    ]);
    expect(comments.every((c) => c.learnerId === l0)).toBe(true);
  });

  it("a comment on a task that is not the learner's, or in another learner's thread, is quarantined and stores nothing", async () => {
    const [l0, l1] = w.learnerIds as [string, string];
    const otherClass = await insertClass(t.db, w.schoolId, '4AP-B');
    await enrol(t.db, otherClass, l1);
    const notHers = await insertTask(otherClass);
    const task = await insertTask(w.classId);
    const res = await push(w.token, [
      commentEvent(w.deviceId, 1, l0, {
        commentId: 'c-1',
        assignmentId: notHers,
        learnerId: l0,
        body: 'Bonjour',
      }),
      commentEvent(w.deviceId, 2, l0, {
        commentId: 'c-2',
        assignmentId: task,
        learnerId: l1,
        body: 'Je parle pour elle',
      }),
      commentEvent(w.deviceId, 3, l0, { commentId: 'c-3', assignmentId: task, learnerId: l0, body: '' }),
      commentEvent(w.deviceId, 4, l0, {
        commentId: 'c-4',
        assignmentId: task,
        learnerId: l0,
        body: 'Ça marche',
      }),
    ]);
    expect(res.json()).toMatchObject({ ackedSeq: 4 });
    const held = await t.db
      .selectFrom('syncQuarantine')
      .select(['deviceSeq', 'reason'])
      .orderBy('deviceSeq')
      .execute();
    expect(held.map((h) => [h.deviceSeq, h.reason.split(':')[0]])).toEqual([
      [1, 'not_learners_task'],
      [2, 'not_own_thread'],
      [3, 'invalid_payload'],
    ]);
    const stored = await t.db.selectFrom('comments').select('id').execute();
    expect(stored.map((c) => c.id)).toEqual(['c-4']);
    // Quarantined events are not among the applied events either.
    const events = await t.db
      .selectFrom('syncEvents')
      .select('deviceSeq')
      .where('kind', '=', 'comment.posted')
      .execute();
    expect(events.map((e) => e.deviceSeq)).toEqual([4]);
  });
});
