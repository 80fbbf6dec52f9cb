import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser, signIn, TEST_PASSWORD, type TestApp, testApp, testDialect } from '../../../test/helpers';

describe(`sign-in and sessions (${testDialect})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('a right password opens an HttpOnly SameSite session; sign-out ends it', async () => {
    await insertUser(t.db, 'teacher', null, { username: 'prof' });
    const res = await login('prof', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lawh_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const cookies = { lawh_sid: cookie.value };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    expect(me.json()).toMatchObject({ username: 'prof', role: 'teacher' });
    const csrf = me.json().csrfToken;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
  });

  it('a wrong password and an unknown account get the same answer', async () => {
    await insertUser(t.db, 'teacher', null, { username: 'prof' });
    const wrong = await login('prof', 'not the password');
    const unknown = await login('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('five wrong passwords lock the account name, even for the right password, from any address', async () => {
    await insertUser(t.db, 'teacher', null, { username: 'prof' });
    for (let i = 0; i < 5; i++) expect((await login('prof', 'wrong', `10.0.1.${i}`)).statusCode).toBe(401);
    const locked = await login('prof', TEST_PASSWORD, '10.0.2.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    // The lock is the same for a name that does not exist: it reveals nothing.
    for (let i = 0; i < 5; i++) await login('ghost', 'wrong', `10.0.3.${i}`);
    expect((await login('ghost', 'wrong', '10.0.4.1')).json().error.code).toBe('too_many_attempts');
  });

  it('one address is limited to 20 sign-in attempts a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login(`user${i}`, 'wrong', '10.9.9.9')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const res = await login('admin', TEST_PASSWORD);
    const cookies = { lawh_sid: res.cookies.find((c) => c.name === 'lawh_sid')!.value };
    const school = { code: 'CSRF-1', nameAr: 'م', nameFr: 'É', region: 'oriental', province: 'Figuig' };
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/schools', cookies, payload: school });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf');
    const badToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/schools',
      cookies,
      headers: { 'x-csrf-token': 'guess' },
      payload: school,
    });
    expect(badToken.statusCode).toBe(403);
    expect(await t.db.selectFrom('schools').select('id').execute()).toEqual([]);
  });

  it('an archived user is signed out at once', async () => {
    const { id } = await insertUser(t.db, 'teacher', null, { username: 'prof' });
    const client = await signIn(t.app, 'prof');
    await t.db
      .updateTable('users')
      .set({ archivedAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('the chosen language is kept on the account', async () => {
    await insertUser(t.db, 'teacher', null, { username: 'prof' });
    const client = await signIn(t.app, 'prof');
    expect(
      (await client.request({ method: 'PUT', url: '/api/v1/auth/me/locale', payload: { locale: 'zgh' } }))
        .statusCode,
    ).toBe(200);
    expect((await client.get('/api/v1/auth/me')).json().locale).toBe('zgh');
    const bad = await client.request({
      method: 'PUT',
      url: '/api/v1/auth/me/locale',
      payload: { locale: 'xx' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the HTTP edge', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('answers /healthz and serves the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/schools');
  });

  it('sends security headers with a CSP that forbids inline scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('refuses an oversize body with 413 and the error shape', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const admin = await signIn(t.app, 'admin');
    const res = await admin.post('/api/v1/schools', { code: 'BIG-1', nameAr: 'x'.repeat(2_000_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('an unknown API route is a 404 in the error shape, and anonymous callers get 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/schools' })).statusCode).toBe(401);
  });
});
