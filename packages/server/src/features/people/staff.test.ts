import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Client,
  insertSchool,
  insertUser,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  testApp,
  testDialect,
} from '../../../test/helpers';
import { countRows } from '../../../test/roster-fixtures';

describe(`staff (${testDialect})`, () => {
  let t: TestApp;
  let schoolA: string;
  let schoolB: string;
  let admin: Client;
  let head: Client;
  let headId: string;
  beforeEach(async () => {
    t = await testApp();
    schoolA = await insertSchool(t.db, { nameFr: 'École A' });
    schoolB = await insertSchool(t.db, { nameFr: 'École B' });
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    headId = (await insertUser(t.db, 'school_admin', schoolA, { username: 'head', familyName: 'Head' })).id;
    admin = await signIn(t.app, 'admin');
    head = await signIn(t.app, 'head');
  });
  afterEach(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({
    schoolId: schoolA,
    role: 'teacher',
    username: 'k.idrissi',
    password: 'a long enough secret',
    nameAr: 'خديجة الإدريسي',
    givenName: 'Khadija',
    familyName: 'Idrissi',
    sex: 'F',
    ...over,
  });
  const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((s) => s.id);
  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('a school admin adds a teacher to their school, who can then sign in', async () => {
    const created = await head.post('/api/v1/staff', input());
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: body.id,
      schoolId: schoolA,
      schoolName: 'École A',
      role: 'teacher',
      username: 'k.idrissi',
      nameAr: 'خديجة الإدريسي',
      givenName: 'Khadija',
      familyName: 'Idrissi',
      sex: 'F',
      archived: false,
    });
    const row = await t.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login('k.idrissi', 'a long enough secret')).statusCode).toBe(200);
    expect(ids(await head.get('/api/v1/staff?q=idrissi'))).toEqual([body.id]);
    expect(ids(await head.get(`/api/v1/staff?q=${encodeURIComponent('خديجة')}`))).toEqual([body.id]);
  });

  it('only the programme admin makes school admins, and a school admin only in their own school', async () => {
    expect(
      (await admin.post('/api/v1/staff', input({ role: 'school_admin', schoolId: schoolB }))).statusCode,
    ).toBe(201);
    expect(
      (await admin.post('/api/v1/staff', input({ username: 'b.teacher', schoolId: schoolB }))).statusCode,
    ).toBe(201);
    expect(
      (await head.post('/api/v1/staff', input({ username: 'extra.one', role: 'school_admin' }))).statusCode,
    ).toBe(403);
    expect(
      (await head.post('/api/v1/staff', input({ username: 'extra.two', schoolId: schoolB }))).statusCode,
    ).toBe(403);
    await insertUser(t.db, 'teacher', schoolA, { username: 'prof' });
    const prof = await signIn(t.app, 'prof');
    expect((await prof.post('/api/v1/staff', input({ username: 'extra.three' }))).statusCode).toBe(403);
    expect(await countRows(t.db, 'users')).toBe(5);
  });

  it('a username already taken is a 409 naming username and stores nothing', async () => {
    await head.post('/api/v1/staff', input());
    const again = await admin.post('/api/v1/staff', input({ schoolId: schoolB, givenName: 'Autre' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('username');
    const adminsName = await admin.post('/api/v1/staff', input({ username: 'admin' }));
    expect(adminsName.statusCode).toBe(409);
    expect(await countRows(t.db, 'users')).toBe(3);
  });

  it('a school that does not exist is a 422 naming schoolId', async () => {
    const res = await admin.post('/api/v1/staff', input({ schoolId: 'no-such-school' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.field).toBe('schoolId');
    expect(await countRows(t.db, 'users')).toBe(2);
  });

  it('a new password replaces the old one and signs the teacher out everywhere', async () => {
    const teacher = (await head.post('/api/v1/staff', input())).json();
    const session = await signIn(t.app, 'k.idrissi', 'a long enough secret');
    const edited = await head.patch(`/api/v1/staff/${teacher.id}`, {
      password: 'another long secret',
      familyName: 'Idrissi Alami',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().familyName).toBe('Idrissi Alami');
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('k.idrissi', 'a long enough secret')).statusCode).toBe(401);
    expect((await login('k.idrissi', 'another long secret')).statusCode).toBe(200);
    expect(ids(await head.get('/api/v1/staff?q=alami'))).toEqual([teacher.id]);
  });

  it('archiving a teacher signs them out and stops them signing in, until restored', async () => {
    const teacher = (await head.post('/api/v1/staff', input())).json();
    const session = await signIn(t.app, 'k.idrissi', 'a long enough secret');
    expect((await head.post(`/api/v1/staff/${teacher.id}/archive`)).json().archived).toBe(true);
    expect(
      await t.db.selectFrom('sessions').select('userId').where('userId', '=', teacher.id).execute(),
    ).toEqual([]);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('k.idrissi', 'a long enough secret')).statusCode).toBe(401);
    expect((await head.get('/api/v1/staff?role=teacher')).json().total).toBe(0);
    expect(ids(await head.get('/api/v1/staff?archived=true'))).toEqual([teacher.id]);
    expect((await head.post(`/api/v1/staff/${teacher.id}/restore`)).json().archived).toBe(false);
    expect((await login('k.idrissi', 'a long enough secret')).statusCode).toBe(200);
  });

  it('a school admin edits their teachers and themselves, but not a fellow school admin or anyone elsewhere', async () => {
    const peer = await insertUser(t.db, 'school_admin', schoolA);
    const elsewhere = await insertUser(t.db, 'teacher', schoolB);
    expect((await head.patch(`/api/v1/staff/${peer.id}`, { password: 'taking over now' })).statusCode).toBe(
      403,
    );
    expect((await head.post(`/api/v1/staff/${peer.id}/archive`)).statusCode).toBe(403);
    expect((await head.patch(`/api/v1/staff/${elsewhere.id}`, { givenName: 'X' })).statusCode).toBe(404);
    expect((await head.get(`/api/v1/staff/${elsewhere.id}`)).statusCode).toBe(404);
    const self = await head.patch(`/api/v1/staff/${headId}`, { password: 'my own new secret' });
    expect(self.statusCode).toBe(200);
    expect((await head.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await login('head', 'my own new secret')).statusCode).toBe(200);
    expect((await head.post(`/api/v1/staff/${headId}/archive`)).statusCode).toBe(403);
    expect((await login('head', TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('lists are filtered, sorted and paged by the server', async () => {
    const make = (username: string, familyName: string, role = 'teacher', schoolId = schoolA) =>
      admin
        .post('/api/v1/staff', input({ username, familyName, role, schoolId }))
        .then((r) => r.json().id as string);
    const b = await make('bbb', 'Bennis');
    const c = await make('ccc', 'Cherkaoui');
    const d = await make('ddd', 'Daoudi', 'school_admin');
    const z = await make('zzz', 'Zniber', 'teacher', schoolB);
    expect(ids(await head.get('/api/v1/staff'))).toEqual([b, c, d, headId]);
    expect(ids(await head.get('/api/v1/staff?role=teacher'))).toEqual([b, c]);
    expect(ids(await head.get('/api/v1/staff?sort=username&order=desc&pageSize=2&page=2'))).toEqual([c, b]);
    expect(ids(await admin.get(`/api/v1/staff?schoolId=${schoolB}`))).toEqual([z]);
    expect(ids(await head.get(`/api/v1/staff?schoolId=${schoolB}`))).toEqual([]);
    expect((await admin.get('/api/v1/staff')).json().total).toBe(5);
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [input({ password: 'short' }), 'password'],
      [input({ username: 'no spaces' }), 'username'],
      [input({ username: 'ab' }), 'username'],
      [input({ role: 'programme_admin' }), 'role'],
      [input({ role: 'learner' }), 'role'],
      [input({ familyName: 'Idri\u001bssi' }), 'familyName'],
      [input({ isAdmin: true }), 'isAdmin'],
      [input({ passwordHash: 'x' }), 'passwordHash'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/staff', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const teacher = (await head.post('/api/v1/staff', input())).json();
    for (const body of [
      { role: 'school_admin' },
      { username: 'renamed' },
      { schoolId: schoolB },
      { password: 'short' },
    ])
      expect((await admin.patch(`/api/v1/staff/${teacher.id}`, body)).statusCode, JSON.stringify(body)).toBe(
        400,
      );
    expect((await admin.get('/api/v1/staff?role=learner')).statusCode).toBe(400);
    expect(await countRows(t.db, 'users')).toBe(3);
  });
});
