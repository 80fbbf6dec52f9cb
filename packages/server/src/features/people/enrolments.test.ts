import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Client,
  insertSchool,
  insertUser,
  signIn,
  type TestApp,
  testApp,
  testDialect,
} from '../../../test/helpers';
import { countRows, insertClass, insertEnrolment, insertYear } from '../../../test/roster-fixtures';

describe(`enrolments (${testDialect})`, () => {
  let t: TestApp;
  let schoolA: string;
  let schoolB: string;
  let classId: string;
  let head: Client;
  let pupil: { id: string; username: string };
  beforeEach(async () => {
    t = await testApp();
    schoolA = await insertSchool(t.db);
    schoolB = await insertSchool(t.db);
    const yearId = await insertYear(t.db);
    classId = await insertClass(t.db, schoolA, yearId, { title: '6AP-A' });
    await insertUser(t.db, 'school_admin', schoolA, { username: 'head' });
    pupil = await insertUser(t.db, 'learner', schoolA, {
      username: 'pupil',
      givenName: 'Yassine',
      familyName: 'Ouali',
      massarCode: 'J130000001',
    });
    head = await signIn(t.app, 'head');
  });
  afterEach(() => t.close());

  const url = (id = classId) => `/api/v1/classes/${id}/enrolments`;
  const del = (c: Client, learnerId: string, id = classId) =>
    c.request({ method: 'DELETE', url: `${url(id)}/${learnerId}` });

  it('a school admin puts a learner in a class, sees them listed and counted, then takes them out', async () => {
    const res = await head.post(url(), { learnerId: pupil.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: res.json().id,
      classId,
      learnerId: pupil.id,
      massarCode: 'J130000001',
      nameAr: 'سلمى العلوي',
      givenName: 'Yassine',
      familyName: 'Ouali',
      sex: 'F',
    });
    expect((await head.get(url())).json().map((e: { learnerId: string }) => e.learnerId)).toEqual([pupil.id]);
    expect((await head.get(`/api/v1/classes/${classId}`)).json().learnerCount).toBe(1);

    const removed = await del(head, pupil.id);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    expect((await head.get(url())).json()).toEqual([]);
    expect((await head.get(`/api/v1/classes/${classId}`)).json().learnerCount).toBe(0);
    expect((await del(head, pupil.id)).statusCode).toBe(404);
  });

  it('enrolling twice is a 409; enrolling again after leaving brings the same enrolment back', async () => {
    const first = (await head.post(url(), { learnerId: pupil.id })).json();
    const twice = await head.post(url(), { learnerId: pupil.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.field).toBe('learnerId');
    await del(head, pupil.id);
    const back = await head.post(url(), { learnerId: pupil.id });
    expect(back.statusCode).toBe(201);
    expect(back.json().id).toBe(first.id);
    expect(await countRows(t.db, 'enrolments')).toBe(1);
  });

  it('only an active learner of the same school can be enrolled: otherwise a 422 naming learnerId, nothing written', async () => {
    const elsewhere = await insertUser(t.db, 'learner', schoolB);
    const teacher = await insertUser(t.db, 'teacher', schoolA);
    const left = await insertUser(t.db, 'learner', schoolA, { archivedAt: '2026-10-01T00:00:00.000Z' });
    for (const learnerId of [elsewhere.id, teacher.id, left.id, 'no-such-learner']) {
      const res = await head.post(url(), { learnerId });
      expect(res.statusCode, learnerId).toBe(422);
      expect(res.json().error.details.field).toBe('learnerId');
    }
    await head.post(`/api/v1/classes/${classId}/archive`);
    const closed = await head.post(url(), { learnerId: pupil.id });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.details.field).toBe('classId');
    expect(await countRows(t.db, 'enrolments')).toBe(0);
  });

  it('a class the user cannot see is a 404; one they see but do not run is a 403', async () => {
    const pa = await signIn(t.app, (await insertUser(t.db, 'programme_admin', null)).username);
    const yearId = await insertYear(t.db, { title: 'other' });
    const classB = await insertClass(t.db, schoolB, yearId);
    const learnerB = await insertUser(t.db, 'learner', schoolB);
    expect((await head.post(url(classB), { learnerId: learnerB.id })).statusCode).toBe(404);
    expect((await head.get(url(classB))).statusCode).toBe(404);
    expect((await head.get(url('no-such-class'))).statusCode).toBe(404);
    expect((await pa.post(url(classB), { learnerId: learnerB.id })).statusCode).toBe(201);
    expect((await del(head, learnerB.id, classB)).statusCode).toBe(404);

    const teacher = await insertUser(t.db, 'teacher', schoolA, { username: 'prof' });
    await insertEnrolment(t.db, classId, teacher.id, 'teacher');
    await insertEnrolment(t.db, classId, pupil.id, 'learner');
    const prof = await signIn(t.app, 'prof');
    expect((await prof.get(url())).json().map((e: { learnerId: string }) => e.learnerId)).toEqual([pupil.id]);
    const other = await insertUser(t.db, 'learner', schoolA);
    expect((await prof.post(url(), { learnerId: other.id })).statusCode).toBe(403);
    expect((await del(prof, pupil.id)).statusCode).toBe(403);
    expect((await prof.get(url(classB))).statusCode).toBe(404);
  });

  it('a learner sees their class but only themselves among its learners', async () => {
    const classmate = await insertUser(t.db, 'learner', schoolA, { familyName: 'Aaa' });
    await insertEnrolment(t.db, classId, pupil.id, 'learner');
    await insertEnrolment(t.db, classId, classmate.id, 'learner');
    expect((await head.get(url())).json()).toHaveLength(2);
    const me = await signIn(t.app, 'pupil');
    expect((await me.get(url())).json().map((e: { learnerId: string }) => e.learnerId)).toEqual([pupil.id]);
    expect((await me.post(url(), { learnerId: classmate.id })).statusCode).toBe(403);
    expect((await me.request({ method: 'DELETE', url: `${url()}/${classmate.id}` })).statusCode).toBe(403);
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'learnerId'],
      [{ learnerId: 42 }, 'learnerId'],
      [{ learnerId: 'bad id\u0000' }, 'learnerId'],
      [{ learnerId: pupil.id, role: 'teacher' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const res = await head.post(url(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await del(head, 'bad id')).statusCode).toBe(400);
    expect(await countRows(t.db, 'enrolments')).toBe(0);
  });
});
