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
import {
  countingQueries,
  countRows,
  insertClass,
  insertEnrolment,
  insertYear,
} from '../../../test/roster-fixtures';
import type { Auth } from '../../auth/policy';
import { classesService } from './classes.service';

describe(`classes (${testDialect})`, () => {
  let t: TestApp;
  let schoolA: string;
  let schoolB: string;
  let yearId: string;
  let head: Client;
  let teacher1: string;
  let teacher2: string;
  beforeEach(async () => {
    t = await testApp();
    schoolA = await insertSchool(t.db, { nameFr: 'École A' });
    schoolB = await insertSchool(t.db, { nameFr: 'École B' });
    yearId = await insertYear(t.db);
    await insertUser(t.db, 'school_admin', schoolA, { username: 'head' });
    teacher1 = (
      await insertUser(t.db, 'teacher', schoolA, {
        username: 'prof1',
        givenName: 'Amal',
        familyName: 'Bennani',
      })
    ).id;
    teacher2 = (
      await insertUser(t.db, 'teacher', schoolA, {
        username: 'prof2',
        givenName: 'Driss',
        familyName: 'Chraibi',
      })
    ).id;
    head = await signIn(t.app, 'head');
  });
  afterEach(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({
    schoolId: schoolA,
    yearId,
    title: '6AP Mathématiques',
    cycle: 'primaire',
    level: '6AP',
    subject: 'mathematics',
    teacherIds: [teacher1],
    ...over,
  });
  const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((c) => c.id);

  it('a school admin creates a class with its teacher, who then sees it with its learners counted', async () => {
    const created = await head.post('/api/v1/classes', input());
    expect(created.statusCode).toBe(201);
    const cls = created.json();
    expect(cls).toMatchObject({
      schoolId: schoolA,
      schoolName: 'École A',
      yearId,
      title: '6AP Mathématiques',
      teachers: [{ id: teacher1, displayName: 'Amal Bennani' }],
      learnerCount: 0,
      archived: false,
    });
    const pupil = await insertUser(t.db, 'learner', schoolA);
    const gone = await insertUser(t.db, 'learner', schoolA, { archivedAt: '2026-10-01T00:00:00.000Z' });
    await insertEnrolment(t.db, cls.id, pupil.id, 'learner');
    await insertEnrolment(t.db, cls.id, gone.id, 'learner');

    const prof = await signIn(t.app, 'prof1');
    const mine = (await prof.get('/api/v1/classes')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: cls.id, learnerCount: 1, teachers: [{ id: teacher1 }] });
    expect((await prof.get(`/api/v1/classes/${cls.id}`)).json().learnerCount).toBe(1);
    const other = await signIn(t.app, 'prof2');
    expect((await other.get('/api/v1/classes')).json().total).toBe(0);
    expect((await other.get(`/api/v1/classes/${cls.id}`)).statusCode).toBe(404);
  });

  it('teacherIds replaces the set of teachers, and giving a class back reuses the old enrolment', async () => {
    const cls = (await head.post('/api/v1/classes', input())).json();
    const swapped = await head.patch(`/api/v1/classes/${cls.id}`, { teacherIds: [teacher2] });
    expect(swapped.statusCode).toBe(200);
    expect(swapped.json().teachers.map((x: { id: string }) => x.id)).toEqual([teacher2]);
    expect((await (await signIn(t.app, 'prof1')).get('/api/v1/classes')).json().total).toBe(0);

    const both = await head.patch(`/api/v1/classes/${cls.id}`, {
      teacherIds: [teacher2, teacher1, teacher1],
    });
    expect(both.json().teachers.map((x: { displayName: string }) => x.displayName)).toEqual([
      'Amal Bennani',
      'Driss Chraibi',
    ]);
    expect(await countRows(t.db, 'enrolments')).toBe(2);

    const renamed = await head.patch(`/api/v1/classes/${cls.id}`, { title: '6AP Maths B' });
    expect(renamed.json().teachers).toHaveLength(2);
    expect((await head.get('/api/v1/classes?q=maths%20b')).json().total).toBe(1);
    const none = await head.patch(`/api/v1/classes/${cls.id}`, { teacherIds: [] });
    expect(none.json().teachers).toEqual([]);
  });

  it('references to things that do not exist are a 422 naming the field, and nothing is written', async () => {
    const admin = await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const pa = await signIn(t.app, admin.username);
    const term = await insertYear(t.db, { type: 'term', parentId: yearId, title: 'T1' });
    const archivedYear = await insertYear(t.db, {
      title: '2024-2025',
      archivedAt: '2025-07-01T00:00:00.000Z',
    });
    const teacherB = await insertUser(t.db, 'teacher', schoolB);
    const pupil = await insertUser(t.db, 'learner', schoolA);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ schoolId: 'no-such-school' }, 'schoolId'],
      [{ yearId: 'no-such-year' }, 'yearId'],
      [{ yearId: term }, 'yearId'],
      [{ yearId: archivedYear }, 'yearId'],
      [{ teacherIds: [teacherB.id] }, 'teacherIds'],
      [{ teacherIds: [teacher1, pupil.id] }, 'teacherIds'],
      [{ teacherIds: ['nobody'] }, 'teacherIds'],
    ];
    for (const [over, field] of cases) {
      const res = await pa.post('/api/v1/classes', input(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.json().error.details.field).toBe(field);
    }
    expect(await countRows(t.db, 'classes')).toBe(0);
    expect(await countRows(t.db, 'enrolments')).toBe(0);

    const cls = (await head.post('/api/v1/classes', input())).json();
    const bad = await head.patch(`/api/v1/classes/${cls.id}`, {
      title: 'Changed',
      teacherIds: [teacherB.id],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.field).toBe('teacherIds');
    const crossed = await head.patch(`/api/v1/classes/${cls.id}`, { cycle: 'college' });
    expect(crossed.statusCode).toBe(422);
    expect(crossed.json().error.details.field).toBe('level');
    const after = (await head.get(`/api/v1/classes/${cls.id}`)).json();
    expect(after).toMatchObject({
      title: '6AP Mathématiques',
      cycle: 'primaire',
      teachers: [{ id: teacher1 }],
    });
  });

  it('an archived teacher already on a class may stay on it but cannot be added to another', async () => {
    const cls = (await head.post('/api/v1/classes', input({ teacherIds: [teacher1, teacher2] }))).json();
    await t.db
      .updateTable('users')
      .set({ archivedAt: '2026-10-01T00:00:00.000Z' })
      .where('id', '=', teacher2)
      .execute();
    const kept = await head.patch(`/api/v1/classes/${cls.id}`, { teacherIds: [teacher1, teacher2] });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().teachers.map((x: { id: string }) => x.id)).toEqual([teacher1]);
    const added = await head.post('/api/v1/classes', input({ title: 'Autre', teacherIds: [teacher2] }));
    expect(added.statusCode).toBe(422);
  });

  it('lists are filtered, sorted and paged by the server', async () => {
    const make = (title: string, level: string, subject: string, schoolId = schoolA) =>
      insertClass(t.db, schoolId, yearId, {
        title,
        level,
        subject,
        cycle: level.endsWith('AC') ? 'college' : 'primaire',
      });
    const c = {
      a: await make('Alif', '1AP', 'arabic'),
      b: await make('Ba', '2AP', 'french'),
      d: await make('Dal', '2AP', 'arabic'),
      h: await make('Ha', '1AC', 'english'),
      z: await make('Zay', '2AP', 'arabic', schoolB),
    };
    await insertClass(t.db, schoolA, yearId, { title: 'Old', archivedAt: '2026-01-01T00:00:00.000Z' });
    const pa = await signIn(t.app, (await insertUser(t.db, 'programme_admin', null)).username);

    expect(ids(await head.get('/api/v1/classes'))).toEqual([c.a, c.b, c.d, c.h]);
    expect(ids(await head.get('/api/v1/classes?sort=title&order=desc&pageSize=2&page=2'))).toEqual([
      c.b,
      c.a,
    ]);
    expect(ids(await head.get('/api/v1/classes?level=2AP'))).toEqual([c.b, c.d]);
    expect(ids(await head.get('/api/v1/classes?subject=arabic'))).toEqual([c.a, c.d]);
    expect(ids(await head.get('/api/v1/classes?q=dal'))).toEqual([c.d]);
    expect(ids(await head.get('/api/v1/classes?q=1ac'))).toEqual([c.h]);
    expect(
      (await head.get('/api/v1/classes?archived=true')).json().items.map((x: { title: string }) => x.title),
    ).toEqual(['Old']);
    expect((await head.get('/api/v1/classes?archived=all')).json().total).toBe(5);
    expect(ids(await pa.get(`/api/v1/classes?schoolId=${schoolB}`))).toEqual([c.z]);
    expect(ids(await head.get(`/api/v1/classes?schoolId=${schoolB}`))).toEqual([]);
    const bySubject = (await pa.get('/api/v1/classes?sort=subject&level=2AP')).json();
    expect(bySubject.items.map((x: { subject: string }) => x.subject)).toEqual([
      'arabic',
      'arabic',
      'french',
    ]);
  });

  it("learnerId lists the learner's current classes, within what the caller may see", async () => {
    const math = await insertClass(t.db, schoolA, yearId, { title: 'Maths' });
    const arabic = await insertClass(t.db, schoolA, yearId, { title: 'Arabe' });
    const left = await insertClass(t.db, schoolA, yearId, { title: 'Quitté' });
    await insertClass(t.db, schoolA, yearId, { title: 'Autre' });
    const pupil = (await insertUser(t.db, 'learner', schoolA, { username: 'pupil' })).id;
    await insertEnrolment(t.db, math, pupil, 'learner');
    await insertEnrolment(t.db, arabic, pupil, 'learner');
    await insertEnrolment(t.db, left, pupil, 'learner');
    await t.db
      .updateTable('enrolments')
      .set({ archivedAt: '2026-01-01T00:00:00.000Z' })
      .where('classId', '=', left)
      .execute();
    // prof1 teaches the learner in Maths only: a teacher sees the classes they teach, not the others.
    await insertEnrolment(t.db, math, teacher1, 'teacher');
    const prof = await signIn(t.app, 'prof1');

    expect(ids(await head.get(`/api/v1/classes?learnerId=${pupil}&sort=title`))).toEqual([arabic, math]);
    expect(ids(await prof.get(`/api/v1/classes?learnerId=${pupil}`))).toEqual([math]);
    const otherHead = await insertUser(t.db, 'school_admin', schoolB, { username: 'headB' });
    expect(
      ids(await (await signIn(t.app, otherHead.username)).get(`/api/v1/classes?learnerId=${pupil}`)),
    ).toEqual([]);
  });

  it('a page of classes costs the same three queries however many classes and teachers it holds', async () => {
    for (let i = 0; i < 12; i++) {
      const id = await insertClass(t.db, schoolA, yearId, { title: `Classe ${String(i).padStart(2, '0')}` });
      await insertEnrolment(t.db, id, teacher1, 'teacher');
      if (i % 2) await insertEnrolment(t.db, id, teacher2, 'teacher');
    }
    const auth: Auth = { userId: 'x', role: 'school_admin', schoolId: schoolA };
    const q = { page: 1, order: 'asc', archived: 'false', sort: 'title' } as const;
    const counted = countingQueries(t.db);
    const small = await classesService(counted.db).list(auth, { ...q, pageSize: 2 });
    const afterSmall = counted.count();
    const large = await classesService(counted.db).list(auth, { ...q, pageSize: 12 });
    expect(afterSmall).toBe(3);
    expect(counted.count() - afterSmall).toBe(3);
    expect(small.items[1]?.teachers).toHaveLength(2);
    expect(large.items.filter((c) => c.teachers.length === 2)).toHaveLength(6);
  });

  it('who may change a class: its school admin yes, its teacher no, another school not even see it', async () => {
    const cls = (await head.post('/api/v1/classes', input())).json();
    const prof = await signIn(t.app, 'prof1');
    expect((await prof.patch(`/api/v1/classes/${cls.id}`, { title: 'Mine' })).statusCode).toBe(403);
    expect((await prof.post(`/api/v1/classes/${cls.id}/archive`)).statusCode).toBe(403);
    expect((await prof.post('/api/v1/classes', input())).statusCode).toBe(403);
    await insertUser(t.db, 'school_admin', schoolB, { username: 'headB' });
    const headB = await signIn(t.app, 'headB');
    expect((await headB.get(`/api/v1/classes/${cls.id}`)).statusCode).toBe(404);
    expect((await headB.patch(`/api/v1/classes/${cls.id}`, { title: 'Theirs' })).statusCode).toBe(404);
    expect((await headB.post('/api/v1/classes', input())).statusCode).toBe(403);

    const archived = await head.post(`/api/v1/classes/${cls.id}/archive`);
    expect(archived.json().archived).toBe(true);
    expect((await head.get('/api/v1/classes')).json().total).toBe(0);
    expect((await head.post(`/api/v1/classes/${cls.id}/restore`)).json().archived).toBe(false);
    expect((await head.get('/api/v1/classes/nope')).statusCode).toBe(404);
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [input({ level: '1AC' }), 'level'],
      [input({ level: '7AP' }), 'level'],
      [input({ subject: 'astrology' }), 'subject'],
      [input({ title: 'bad\u0000title' }), 'title'],
      [input({ title: '  ' }), 'title'],
      [input({ room: 12 }), 'room'],
      [input({ teacherIds: teacher1 }), 'teacherIds'],
      [input({ yearId: 'has space' }), 'yearId'],
    ];
    for (const [body, field] of cases) {
      const res = await head.post('/api/v1/classes', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await head.get('/api/v1/classes?sort=teacher')).statusCode).toBe(400);
    expect((await head.get('/api/v1/classes?colour=red')).statusCode).toBe(400);
    const cls = (await head.post('/api/v1/classes', input())).json();
    expect((await head.patch(`/api/v1/classes/${cls.id}`, { schoolId: schoolB })).statusCode).toBe(400);
    expect(await countRows(t.db, 'classes')).toBe(1);
  });
});
