import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertSchool, insertUser, signIn, type TestApp, testApp, testDialect } from '../../../test/helpers';

describe(`schools (${testDialect})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const input = {
    code: 'ZAG-001',
    nameAr: 'مدرسة تمكروت',
    nameFr: 'École Tamegroute',
    region: 'draa-tafilalet',
    province: 'Zagora',
  };

  it('a programme admin creates, finds, edits and archives a school', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const admin = await signIn(t.app, 'admin');
    const created = await admin.post('/api/v1/schools', input);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    const found = await admin.get('/api/v1/schools?q=tamegroute');
    expect(found.json().items.map((s: { id: string }) => s.id)).toEqual([id]);
    const arabic = await admin.get(`/api/v1/schools?q=${encodeURIComponent('تمكروت')}`);
    expect(arabic.json().total).toBe(1);

    const edited = await admin.patch(`/api/v1/schools/${id}`, { province: 'Tinghir' });
    expect(edited.json().province).toBe('Tinghir');

    await admin.post(`/api/v1/schools/${id}/archive`);
    expect((await admin.get('/api/v1/schools')).json().total).toBe(0);
    expect((await admin.get('/api/v1/schools?archived=true')).json().items[0].archived).toBe(true);
  });

  it('a duplicate code is a 409 naming the field and stores nothing', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const admin = await signIn(t.app, 'admin');
    await admin.post('/api/v1/schools', input);
    const again = await admin.post('/api/v1/schools', { ...input, nameFr: 'Autre' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('code');
    expect((await admin.get('/api/v1/schools')).json().total).toBe(1);
  });

  it('lists are paged and sorted by the server', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    for (let i = 0; i < 7; i++)
      await insertSchool(t.db, { code: `P-${i}`, nameFr: `École ${String.fromCharCode(71 - i)}` });
    const admin = await signIn(t.app, 'admin');
    const p2 = (await admin.get('/api/v1/schools?page=2&pageSize=3&sort=nameFr&order=desc')).json();
    expect(p2.total).toBe(7);
    expect(p2.items.map((s: { nameFr: string }) => s.nameFr)).toEqual(['École D', 'École C', 'École B']);
  });

  it('a school admin sees and edits only their own school and cannot create one', async () => {
    const mine = await insertSchool(t.db);
    const other = await insertSchool(t.db);
    await insertUser(t.db, 'school_admin', mine, { username: 'head' });
    const head = await signIn(t.app, 'head');
    expect((await head.get('/api/v1/schools')).json().items.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect((await head.get(`/api/v1/schools/${other}`)).statusCode).toBe(404);
    expect((await head.patch(`/api/v1/schools/${other}`, { province: 'X' })).statusCode).toBe(403);
    expect((await head.post('/api/v1/schools', input)).statusCode).toBe(403);
  });

  it('bad input is a 400 naming the field', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const admin = await signIn(t.app, 'admin');
    const cases: Array<[unknown, string]> = [
      [{ ...input, region: 'atlantis' }, 'region'],
      [{ ...input, nameFr: 'bad\u0007bell' }, 'nameFr'],
      [{ ...input, extra: 1 }, 'extra'],
      [{ ...input, code: 42 }, 'code'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/schools', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const malformed = await admin.request({
      method: 'POST',
      url: '/api/v1/schools',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_json');
    expect((await admin.get('/api/v1/schools')).json().total).toBe(0);
  });
});
