import { type SchoolClock, zoneOffsetMinutes } from '@lawh/shared';
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
import { countRows } from '../../../test/roster-fixtures';

describe(`academic sessions (${testDialect})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await testApp();
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    admin = await signIn(t.app, 'admin');
  });
  afterEach(() => t.close());

  const year = { title: '2026-2027', type: 'schoolYear', startDate: '2026-09-14', endDate: '2027-06-30' };
  const term = (parentId: string, over: Record<string, unknown> = {}) => ({
    title: 'Trimestre 1',
    type: 'term',
    startDate: '2026-09-15',
    endDate: '2026-12-19',
    parentId,
    ...over,
  });
  const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((s) => s.id);

  it("anyone gets the school's clock: the server's UTC offsets, two years back and ahead", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/school-clock' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const clock = res.json() as SchoolClock;
    expect(clock.zone).toBe('Africa/Casablanca');
    const from = Date.parse(clock.offsets[0]!.from);
    const until = Date.parse(clock.until);
    const year = 365 * 86_400_000;
    expect(Date.now() - from).toBeGreaterThan(2 * year - 86_400_000);
    expect(until - Date.now()).toBeGreaterThan(2 * year - 86_400_000);
    // Morocco's Ramadan changes: two a year, each found to the minute.
    expect(clock.offsets.length).toBeGreaterThanOrEqual(8);
    clock.offsets.forEach((o, i) => {
      const at = Date.parse(o.from);
      expect(zoneOffsetMinutes(at)).toBe(o.minutes);
      if (i > 0) expect(zoneOffsetMinutes(at - 60_000)).toBe(clock.offsets[i - 1]!.minutes);
    });
  });

  it('a programme admin adds a school year and its terms, newest first', async () => {
    const y = await admin.post('/api/v1/academic-sessions', year);
    expect(y.statusCode).toBe(201);
    expect(y.json()).toMatchObject({ ...year, parentId: null, archived: false });
    const t1 = await admin.post('/api/v1/academic-sessions', term(y.json().id));
    const t2 = await admin.post(
      '/api/v1/academic-sessions',
      term(y.json().id, { title: 'Trimestre 2', startDate: '2027-01-04', endDate: '2027-03-27' }),
    );
    expect(t1.statusCode).toBe(201);
    expect(t1.json().parentId).toBe(y.json().id);

    const all = await admin.get('/api/v1/academic-sessions');
    expect(all.json().total).toBe(3);
    expect(ids(all)).toEqual([t2.json().id, t1.json().id, y.json().id]);
    const terms = await admin.get('/api/v1/academic-sessions?type=term&pageSize=1&page=2');
    expect(terms.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(ids(terms)).toEqual([t1.json().id]);
  });

  it('everyone signed in reads the calendar; only the programme admin changes it', async () => {
    const y = (await admin.post('/api/v1/academic-sessions', year)).json();
    const school = await insertSchool(t.db);
    await insertUser(t.db, 'school_admin', school, { username: 'head' });
    await insertUser(t.db, 'learner', school, { username: 'pupil' });
    for (const name of ['head', 'pupil']) {
      const c = await signIn(t.app, name);
      expect(ids(await c.get('/api/v1/academic-sessions'))).toEqual([y.id]);
      expect((await c.get(`/api/v1/academic-sessions/${y.id}`)).statusCode).toBe(200);
      expect((await c.post('/api/v1/academic-sessions', year)).statusCode).toBe(403);
      expect((await c.patch(`/api/v1/academic-sessions/${y.id}`, { title: 'X' })).statusCode).toBe(403);
      expect((await c.post(`/api/v1/academic-sessions/${y.id}/archive`)).statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/academic-sessions' });
    expect(anonymous.statusCode).toBe(401);
    expect((await admin.get(`/api/v1/academic-sessions/${y.id}`)).json().title).toBe('2026-2027');
  });

  it('a term must belong to an existing school year, and nothing is written otherwise', async () => {
    const y = (await admin.post('/api/v1/academic-sessions', year)).json();
    const t1 = (await admin.post('/api/v1/academic-sessions', term(y.id))).json();
    for (const parentId of ['no-such-year', t1.id]) {
      const res = await admin.post('/api/v1/academic-sessions', term(parentId));
      expect(res.statusCode, parentId).toBe(422);
      expect(res.json().error.details.field).toBe('parentId');
    }
    await admin.post(`/api/v1/academic-sessions/${y.id}/archive`);
    const underArchived = await admin.post('/api/v1/academic-sessions', term(y.id, { title: 'T2' }));
    expect(underArchived.statusCode).toBe(422);
    expect(underArchived.json().error.details.field).toBe('parentId');
    expect(await countRows(t.db, 'academicSessions')).toBe(2);
  });

  it('a term stays inside its school year, and a year cannot shrink past its terms', async () => {
    const y = (await admin.post('/api/v1/academic-sessions', year)).json();
    const early = await admin.post('/api/v1/academic-sessions', term(y.id, { startDate: '2026-09-01' }));
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.field).toBe('startDate');
    const late = await admin.post('/api/v1/academic-sessions', term(y.id, { endDate: '2027-07-15' }));
    expect(late.json().error.details.field).toBe('endDate');

    const t1 = (await admin.post('/api/v1/academic-sessions', term(y.id))).json();
    const shrink = await admin.patch(`/api/v1/academic-sessions/${y.id}`, { startDate: '2026-10-01' });
    expect(shrink.statusCode).toBe(422);
    expect(shrink.json().error.details.field).toBe('startDate');
    const inverted = await admin.patch(`/api/v1/academic-sessions/${t1.id}`, { startDate: '2027-01-10' });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().error.details.field).toBe('endDate');
    expect((await admin.get(`/api/v1/academic-sessions/${y.id}`)).json().startDate).toBe('2026-09-14');

    const moved = await admin.patch(`/api/v1/academic-sessions/${t1.id}`, {
      title: 'T1',
      endDate: '2026-12-20',
    });
    expect(moved.json()).toMatchObject({ title: 'T1', endDate: '2026-12-20', parentId: y.id });
  });

  it('an archived session leaves the default list and comes back when restored', async () => {
    const y = (await admin.post('/api/v1/academic-sessions', year)).json();
    const archived = await admin.post(`/api/v1/academic-sessions/${y.id}/archive`);
    expect(archived.json().archived).toBe(true);
    expect((await admin.get('/api/v1/academic-sessions')).json().total).toBe(0);
    expect(ids(await admin.get('/api/v1/academic-sessions?archived=true'))).toEqual([y.id]);
    expect((await admin.get('/api/v1/academic-sessions?archived=all')).json().total).toBe(1);
    await admin.post(`/api/v1/academic-sessions/${y.id}/restore`);
    expect(ids(await admin.get('/api/v1/academic-sessions'))).toEqual([y.id]);
    expect((await admin.post('/api/v1/academic-sessions/nope/archive')).statusCode).toBe(404);
    expect((await admin.patch('/api/v1/academic-sessions/nope', { title: 'X' })).statusCode).toBe(404);
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...year, endDate: '2026-09-01' }, 'endDate'],
      [{ ...year, startDate: '14/09/2026' }, 'startDate'],
      [{ ...year, title: 'bad\u0007bell' }, 'title'],
      [{ ...year, type: 'semester' }, 'type'],
      [{ ...year, colour: 'red' }, 'colour'],
      [{ ...year, type: 'term' }, 'parentId'],
      [{ ...year, parentId: 'some-year' }, 'parentId'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/academic-sessions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const badQuery = await admin.get('/api/v1/academic-sessions?type=semester');
    expect(badQuery.statusCode).toBe(400);
    expect((await admin.get('/api/v1/academic-sessions?sort=title')).statusCode).toBe(400);
    const y = (await admin.post('/api/v1/academic-sessions', year)).json();
    const patch = await admin.patch(`/api/v1/academic-sessions/${y.id}`, { type: 'term' });
    expect(patch.statusCode).toBe(400);
    expect(await countRows(t.db, 'academicSessions')).toBe(1);
  });
});
