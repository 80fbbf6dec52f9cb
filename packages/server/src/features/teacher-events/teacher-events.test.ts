import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';
import type { Auth } from '../../auth/policy';
import { assignmentsService } from '../assignments/assignments.service';
import { closeApp, create, lesson, publish } from '../content/content.fixtures';
import { teacherEventHandler } from './handlers';
import { teacherEventsService } from './teacher-events.service';

const URL = '/api/teacher/v1/events';
const event = (kind: string, payload: Record<string, unknown>, id = crypto.randomUUID()) => ({
  id,
  kind,
  v: 1,
  clientTs: '2026-11-27T08:00:00.000Z',
  payload,
});

describe(`teacher events (${testDialect})`, () => {
  let t: TestApp;
  let c: RoleClients;
  let w: Awaited<ReturnType<typeof twoClassSchools>>;
  let teacher: Auth;
  let other: Auth;
  let assignmentId: string;

  // A real action through a real service: setting an assignment's due date is a "set", as handlers must be.
  const setDue = teacherEventHandler({
    kind: 'test.due_set',
    v: 1,
    payload: z.strictObject({ assignmentId: z.string(), dueAt: z.iso.datetime({ offset: true }) }),
    apply: (db, auth, p) => assignmentsService(db).update(auth, p.assignmentId, { dueAt: p.dueAt }),
  });
  const service = () => teacherEventsService(t.db, [setDue]);
  const dueAt = async () =>
    (
      await t.db
        .selectFrom('assignments')
        .select('dueAt')
        .where('id', '=', assignmentId)
        .executeTakeFirstOrThrow()
    ).dueAt;

  beforeEach(async () => {
    t = await testApp();
    w = await twoClassSchools(t);
    c = w.clients;
    const ids = await t.db.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (u: string) => ids.find((r) => r.username === u)?.id as string;
    teacher = { userId: idOf('teacher'), role: 'teacher', schoolId: w.schoolA };
    other = { userId: idOf('other'), role: 'teacher', schoolId: w.schoolA };
    const content = await create(c.teacher, 'lessons', lesson('Les fractions'));
    await publish(c.teacher, content);
    const res = await c.teacher.post(`/api/v1/classes/${w.classA1}/assignments`, { contentId: content });
    expect(res.statusCode, res.body).toBe(201);
    assignmentId = res.json().id;
  });
  afterEach(() => closeApp(t));

  it('applies an event once: a resend is answered from the record and does not apply again', async () => {
    const e = event('test.due_set', { assignmentId, dueAt: '2030-01-10T17:00:00.000Z' });
    expect(await service().apply(teacher, [e])).toEqual([{ id: e.id, status: 'applied' }]);
    expect(await dueAt()).toBe('2030-01-10T17:00:00.000Z');
    // Someone changes the date online; the lost-answer resend of the old event must not undo that.
    await assignmentsService(t.db).update(teacher, assignmentId, { dueAt: '2030-02-01T17:00:00.000Z' });
    expect(await service().apply(teacher, [e])).toEqual([{ id: e.id, status: 'applied' }]);
    expect(await dueAt()).toBe('2030-02-01T17:00:00.000Z');
  });

  it("rejects, and keeps on record, an event the service refuses; the batch's other events still apply", async () => {
    const refused = event('test.due_set', { assignmentId, dueAt: '2030-01-10T17:00:00.000Z' });
    const fine = event('test.due_set', { assignmentId, dueAt: '2030-03-10T17:00:00.000Z' });
    // Another class's teacher may not change it: the service's policy hides the class (404).
    const [r1] = await service().apply(other, [refused]);
    expect(r1).toMatchObject({ id: refused.id, status: 'rejected', error: { code: 'not_found' } });
    const [r2, r3] = await service().apply(teacher, [
      event('test.due_set', { assignmentId, dueAt: 'tomorrow' }),
      fine,
    ]);
    expect(r2).toMatchObject({ status: 'rejected', error: { code: 'invalid', field: 'payload.dueAt' } });
    expect(r3).toEqual({ id: fine.id, status: 'applied' });
    expect(await dueAt()).toBe('2030-03-10T17:00:00.000Z');
    const kept = await t.db.selectFrom('teacherEvents').select(['id', 'status', 'errorCode']).execute();
    expect(kept.find((r) => r.id === refused.id)).toEqual({
      id: refused.id,
      status: 'rejected',
      errorCode: 'not_found',
    });
    // The same id from someone else is not theirs to replay.
    const [r4] = await service().apply(other, [fine]);
    expect(r4).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'id' } });
  });

  it('over HTTP: a session and the CSRF token are required, the envelope is checked, unknown kinds are rejected', async () => {
    const e = event('no.such_kind', { x: 1 });
    const anonymous = await t.app.inject({ method: 'POST', url: URL, payload: { events: [e] } });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await c.teacher.request({
      method: 'POST',
      url: URL,
      payload: { events: [e] },
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const bad = await c.teacher.post(URL, { events: [{ ...e, id: 'not-a-uuid' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id');
    expect(await t.db.selectFrom('teacherEvents').selectAll().execute()).toEqual([]);
    const tooMany = await c.teacher.post(URL, { events: Array.from({ length: 101 }, () => e) });
    expect(tooMany.statusCode).toBe(400);

    const res = await c.teacher.post(URL, { events: [e] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([
      {
        id: e.id,
        status: 'rejected',
        error: { code: 'unknown_kind', message: 'unknown event: no.such_kind v1', field: 'kind' },
      },
    ]);
  });
});
