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
import { learnersService } from './learners.service';

describe(`learners (${testDialect})`, () => {
  let t: TestApp;
  let schoolA: string;
  let schoolB: string;
  let head: Client;
  beforeEach(async () => {
    t = await testApp();
    schoolA = await insertSchool(t.db, { nameFr: 'École A' });
    schoolB = await insertSchool(t.db, { nameFr: 'École B' });
    await insertUser(t.db, 'school_admin', schoolA, { username: 'head' });
    head = await signIn(t.app, 'head');
  });
  afterEach(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({
    schoolId: schoolA,
    massarCode: 'J130012345',
    nameAr: 'يوسف أيت علي',
    givenName: 'Youssef',
    familyName: 'Ait Ali',
    sex: 'M',
    birthYear: 2014,
    guardianName: 'Fatima Ait Ali',
    guardianPhone: '+212 600 000 000',
    consentStatus: 'granted',
    consentDate: '2026-09-15',
    ...over,
  });
  const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((l) => l.id);

  it('a school admin registers a learner, finds them by either script or Massar code, edits and archives them', async () => {
    const created = await head.post('/api/v1/learners', input());
    expect(created.statusCode).toBe(201);
    const l = created.json();
    expect(l).toMatchObject({ ...input(), schoolName: 'École A', archived: false });
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', l.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'learner', username: null, passwordHash: null });

    for (const q of ['youssef', 'AIT', encodeURIComponent('يوسف'), 'j130012345', '0012345'])
      expect(ids(await head.get(`/api/v1/learners?q=${q}`)), q).toEqual([l.id]);
    expect((await head.get('/api/v1/learners?q=karim')).json().total).toBe(0);

    const edited = await head.patch(`/api/v1/learners/${l.id}`, { givenName: 'Karim', guardianPhone: null });
    expect(edited.json()).toMatchObject({ givenName: 'Karim', guardianPhone: null, familyName: 'Ait Ali' });
    expect(ids(await head.get('/api/v1/learners?q=karim'))).toEqual([l.id]);
    expect((await head.get(`/api/v1/learners/${l.id}`)).json().givenName).toBe('Karim');

    expect((await head.post(`/api/v1/learners/${l.id}/archive`)).json().archived).toBe(true);
    expect((await head.get('/api/v1/learners')).json().total).toBe(0);
    expect(ids(await head.get('/api/v1/learners?archived=true'))).toEqual([l.id]);
    expect((await head.post(`/api/v1/learners/${l.id}/restore`)).json().archived).toBe(false);
    expect(ids(await head.get('/api/v1/learners'))).toEqual([l.id]);
  });

  it('a Massar code already in use is a 409 naming massarCode and stores nothing', async () => {
    const first = (await head.post('/api/v1/learners', input())).json();
    const again = await head.post('/api/v1/learners', input({ givenName: 'Other' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('massarCode');
    const second = (await head.post('/api/v1/learners', input({ massarCode: 'J130099999' }))).json();
    const clash = await head.patch(`/api/v1/learners/${second.id}`, {
      massarCode: first.massarCode,
      givenName: 'Z',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details.field).toBe('massarCode');
    expect((await head.get(`/api/v1/learners/${second.id}`)).json()).toMatchObject({
      massarCode: 'J130099999',
      givenName: 'Youssef',
    });
    expect((await head.get('/api/v1/learners')).json().total).toBe(2);
  });

  it('a school that does not exist is a 422; another school is a 403; nothing is written', async () => {
    const admin = await insertUser(t.db, 'programme_admin', null);
    const pa = await signIn(t.app, admin.username);
    const missing = await pa.post('/api/v1/learners', input({ schoolId: 'no-such-school' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.field).toBe('schoolId');
    expect((await head.post('/api/v1/learners', input({ schoolId: schoolB }))).statusCode).toBe(403);
    await t.db
      .updateTable('schools')
      .set({ archivedAt: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', schoolB)
      .execute();
    const closed = await pa.post('/api/v1/learners', input({ schoolId: schoolB }));
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.details.field).toBe('schoolId');
    expect(await countRows(t.db, 'users')).toBe(2);
    expect((await pa.post('/api/v1/learners', input())).statusCode).toBe(201);
  });

  it('a decided consent keeps its date: clearing it is a 422 naming consentDate', async () => {
    const l = (await head.post('/api/v1/learners', input())).json();
    const res = await head.patch(`/api/v1/learners/${l.id}`, { consentDate: null });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.field).toBe('consentDate');
    const pending = await head.patch(`/api/v1/learners/${l.id}`, {
      consentStatus: 'pending',
      consentDate: null,
    });
    expect(pending.json()).toMatchObject({ consentStatus: 'pending', consentDate: null });
  });

  it('lists are filtered by class, sex and consent, sorted and paged by the server', async () => {
    const yearId = await insertYear(t.db);
    const classId = await insertClass(t.db, schoolA, yearId);
    const add = (givenName: string, familyName: string, over: Record<string, unknown> = {}) =>
      insertUser(t.db, 'learner', schoolA, { givenName, familyName, username: null, ...over }).then(
        (u) => u.id,
      );
    const amine = await add('Amine', 'Berrada', { sex: 'M', birthYear: 2013 });
    const hiba = await add('Hiba', 'Alami', { consentStatus: 'pending', consentDate: null, birthYear: 2015 });
    const nora = await add('Nora', 'Chafik', { birthYear: 2014 });
    const other = await insertUser(t.db, 'learner', schoolB, { familyName: 'Aaa' });
    await insertEnrolment(t.db, classId, amine, 'learner');
    await insertEnrolment(t.db, classId, nora, 'learner');

    expect(ids(await head.get('/api/v1/learners'))).toEqual([hiba, amine, nora]);
    expect(ids(await head.get('/api/v1/learners?sort=givenName&order=desc'))).toEqual([nora, hiba, amine]);
    expect(ids(await head.get('/api/v1/learners?sort=birthYear&pageSize=2&page=2'))).toEqual([hiba]);
    expect((await head.get('/api/v1/learners?pageSize=2')).json()).toMatchObject({ total: 3, pageSize: 2 });
    expect(ids(await head.get(`/api/v1/learners?classId=${classId}`))).toEqual([amine, nora]);
    expect(ids(await head.get('/api/v1/learners?sex=M'))).toEqual([amine]);
    expect(ids(await head.get('/api/v1/learners?consentStatus=pending'))).toEqual([hiba]);
    expect(ids(await head.get(`/api/v1/learners?schoolId=${schoolB}`))).toEqual([]);
    const pa = await signIn(t.app, (await insertUser(t.db, 'programme_admin', null)).username);
    expect(ids(await pa.get(`/api/v1/learners?schoolId=${schoolB}`))).toEqual([other.id]);
    expect((await pa.get('/api/v1/learners')).json().total).toBe(4);
  });

  it('one page of learners is one count and one page query, whatever the filters', async () => {
    const yearId = await insertYear(t.db);
    const classId = await insertClass(t.db, schoolA, yearId);
    for (let i = 0; i < 30; i++) {
      const u = await insertUser(t.db, 'learner', schoolA, {
        familyName: `Name${String(i).padStart(2, '0')}`,
      });
      if (i % 3 === 0) await insertEnrolment(t.db, classId, u.id, 'learner');
    }
    const auth: Auth = { userId: 'x', role: 'school_admin', schoolId: schoolA };
    const base = { page: 2, pageSize: 5, order: 'asc', archived: 'false', sort: 'familyName' } as const;
    const counted = countingQueries(t.db);
    const page = await learnersService(counted.db).list(auth, { ...base, q: 'salma', classId, sex: 'F' });
    expect(counted.count()).toBe(2);
    expect(page.total).toBe(10);
    expect(page.items.map((l) => l.familyName)).toEqual(['Name15', 'Name18', 'Name21', 'Name24', 'Name27']);
  });

  it('a teacher sees only the learners of the classes they teach, and cannot change them', async () => {
    const yearId = await insertYear(t.db);
    const taught = await insertClass(t.db, schoolA, yearId, { title: 'Taught' });
    const notTaught = await insertClass(t.db, schoolA, yearId, { title: 'Other' });
    const teacher = await insertUser(t.db, 'teacher', schoolA, { username: 'prof' });
    await insertEnrolment(t.db, taught, teacher.id, 'teacher');
    const mine = await insertUser(t.db, 'learner', schoolA);
    const theirs = await insertUser(t.db, 'learner', schoolA);
    await insertEnrolment(t.db, taught, mine.id, 'learner');
    await insertEnrolment(t.db, notTaught, theirs.id, 'learner');
    const prof = await signIn(t.app, 'prof');
    expect(ids(await prof.get('/api/v1/learners'))).toEqual([mine.id]);
    expect((await prof.get(`/api/v1/learners/${mine.id}`)).statusCode).toBe(200);
    expect((await prof.get(`/api/v1/learners/${theirs.id}`)).statusCode).toBe(404);
    expect((await prof.patch(`/api/v1/learners/${mine.id}`, { givenName: 'X' })).statusCode).toBe(403);
    expect((await prof.post(`/api/v1/learners/${mine.id}/archive`)).statusCode).toBe(403);
    expect((await prof.post('/api/v1/learners', input())).statusCode).toBe(403);
  });

  it('a learner sees only themselves', async () => {
    const me = await insertUser(t.db, 'learner', schoolA, { username: 'pupil' });
    const classmate = await insertUser(t.db, 'learner', schoolA);
    const pupil = await signIn(t.app, 'pupil');
    const list = (await pupil.get('/api/v1/learners')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: me.id }] });
    expect((await pupil.get(`/api/v1/learners/${classmate.id}`)).statusCode).toBe(404);
    expect((await pupil.get(`/api/v1/learners/${me.id}`)).statusCode).toBe(200);
    expect((await pupil.patch(`/api/v1/learners/${me.id}`, { givenName: 'Me' })).statusCode).toBe(403);
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [input({ massarCode: 'j130012345' }), 'massarCode'],
      [input({ massarCode: 'J1300' }), 'massarCode'],
      [input({ nameAr: 'يوسف\u0008' }), 'nameAr'],
      [input({ givenName: 'You\nssef' }), 'givenName'],
      [input({ sex: 'X' }), 'sex'],
      [input({ birthYear: 1890 }), 'birthYear'],
      [input({ guardianPhone: 'call me' }), 'guardianPhone'],
      [input({ consentDate: null }), 'consentDate'],
      [input({ username: 'kid' }), 'username'],
      [input({ passwordHash: 'x' }), 'passwordHash'],
    ];
    for (const [body, field] of cases) {
      const res = await head.post('/api/v1/learners', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await head.get('/api/v1/learners?sort=searchText')).statusCode).toBe(400);
    expect((await head.get('/api/v1/learners?consentStatus=maybe')).statusCode).toBe(400);
    expect((await head.get('/api/v1/learners?pageSize=1000')).statusCode).toBe(400);
    const l = (await head.post('/api/v1/learners', input())).json();
    expect((await head.patch(`/api/v1/learners/${l.id}`, { schoolId: schoolB })).statusCode).toBe(400);
    expect((await head.patch(`/api/v1/learners/${l.id}`, { role: 'teacher' })).statusCode).toBe(400);
    expect(await countRows(t.db, 'users')).toBe(2);
  });
});
