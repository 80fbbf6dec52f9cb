import { createHash } from 'node:crypto';
import { enrolResponse } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { act, deviceWorld, handOver, history, register } from '../../../test/helpers-devices';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const enrol = (t: TestApp, code: string, appVersion = '0.1.0') =>
  t.app.inject({ method: 'POST', url: '/api/sync/v1/enrol', payload: { code, appVersion } });

describe(`tablet provisioning (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof deviceWorld>>;
  let tablet: string;
  beforeEach(async () => {
    t = await testApp();
    w = await deviceWorld(t);
    tablet = await register(w.admin);
    await act(w.admin, tablet, { action: 'assign_school', schoolId: w.schoolA });
  });
  afterEach(() => t.close());

  const codes = () => t.db.selectFrom('enrolmentCodes').selectAll().execute();
  const credentials = () => t.db.selectFrom('deviceCredentials').selectAll().execute();
  const makeCode = async () => {
    const res = await w.headA.post(`/api/v1/devices/${tablet}/enrolment-codes`);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { code: string; expiresAt: string; enrolUrl: string };
  };

  it("a school admin makes a code for their school's tablet: XXXX-XXXX, 30 minutes, a link for the QR code, stored only as a hash", async () => {
    const before = Date.now();
    const made = await makeCode();
    expect(made.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const ttl = Date.parse(made.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5000);
    expect(made.enrolUrl).toMatch(new RegExp(`/enrol\\?code=${made.code}$`));
    const [row] = await codes();
    expect(row?.codeHash).toBe(sha256(made.code.replace('-', '')));
    expect(JSON.stringify(await codes())).not.toContain(made.code.replace('-', ''));
  });

  it('the tablet trades the code for a credential once; the register shows it provisioned with a history row', async () => {
    const made = await makeCode();
    // Typed by hand: lower case and without the hyphen still works.
    const res = await enrol(t, made.code.replace('-', ' ').toLowerCase(), '0.2.1');
    expect(res.statusCode, res.body).toBe(200);
    const body = enrolResponse.parse(res.json());
    expect(body).toMatchObject({ deviceId: tablet, school: { id: w.schoolA, nameFr: 'École Tamegroute' } });
    const [cred] = await credentials();
    expect(cred).toMatchObject({ deviceId: tablet, tokenHash: sha256(body.token), revokedAt: null });
    const device = (await w.headA.get(`/api/v1/devices/${tablet}`)).json();
    expect(device).toMatchObject({ provisioned: true, appVersion: '0.2.1' });
    expect((await history(w.headA, tablet))[0]).toMatchObject({
      action: 'provisioned',
      actorName: 'Omar Idrissi',
    });

    const again = await enrol(t, made.code);
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'code_used', details: { field: 'code' } });
    expect(await credentials()).toHaveLength(1);
  });

  it('an expired code changes nothing and says so', async () => {
    const made = await makeCode();
    await t.db.updateTable('enrolmentCodes').set({ expiresAt: '2020-01-01T00:00:00.000Z' }).execute();
    const res = await enrol(t, made.code);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('code_expired');
    expect(await credentials()).toEqual([]);
    expect((await codes())[0]?.usedAt).toBeNull();
    expect((await history(w.headA, tablet))[0]?.action).toBe('assign_school');
  });

  it('an unknown or malformed code is refused', async () => {
    const unknown = await enrol(t, 'ABCD-EFGH');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('code_unknown');
    const malformed = await enrol(t, 'ABC-IL0U');
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('code');
    const noVersion = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/enrol',
      payload: { code: 'ABCD-EFGH' },
    });
    expect(noVersion.statusCode).toBe(400);
    expect(await credentials()).toEqual([]);
  });

  it('guessing codes is slowed down like signing in: the 21st try in a minute is refused', async () => {
    for (let i = 0; i < 20; i++) expect((await enrol(t, 'ABCD-EFGH')).statusCode).toBe(400);
    expect((await enrol(t, 'ABCD-EFGH')).statusCode).toBe(429);
  });

  it('a new code ends the older unused one', async () => {
    const first = await makeCode();
    const second = await makeCode();
    expect((await enrol(t, first.code)).json().error.code).toBe('code_expired');
    expect((await enrol(t, second.code)).statusCode).toBe(200);
  });

  it('works from a browser that holds a staff session, without a CSRF token', async () => {
    const made = await makeCode();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'headA', password: 'correct horse battery' },
    });
    const sid = login.cookies.find((c) => c.name === 'lawh_sid')?.value as string;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/enrol',
      cookies: { lawh_sid: sid },
      payload: { code: made.code, appVersion: '0.1.0' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('a tablet with no school cannot get a code (409 naming schoolId)', async () => {
    const stock = await register(w.admin);
    const res = await w.admin.post(`/api/v1/devices/${stock}/enrolment-codes`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ field: 'schoolId' });
    expect(await codes()).toEqual([]);
  });

  it('only the programme admin and the school admin of the tablet may make codes or revoke', async () => {
    const teacher = await w.teacherA();
    const learner = await w.learnerClient();
    for (const url of [
      `/api/v1/devices/${tablet}/enrolment-codes`,
      `/api/v1/devices/${tablet}/revoke-credential`,
    ]) {
      expect((await teacher.post(url)).statusCode).toBe(403);
      expect((await learner.post(url)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    }
    expect((await w.admin.post(`/api/v1/devices/${tablet}/enrolment-codes`)).statusCode).toBe(201);
    // A tablet of school B does not exist for A's school admin.
    const other = await register(w.admin);
    await act(w.admin, other, { action: 'assign_school', schoolId: w.schoolB });
    expect((await w.headA.post(`/api/v1/devices/${other}/enrolment-codes`)).statusCode).toBe(404);
    expect((await w.headA.post(`/api/v1/devices/${other}/revoke-credential`)).statusCode).toBe(404);
    expect(await codes()).toHaveLength(1);
  });

  it('revoking stops the credential, writes a history row, and revoking again changes nothing', async () => {
    const { token } = (await enrol(t, (await makeCode()).code)).json();
    const pull = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/sync/v1/pull',
        headers: { authorization: `Bearer ${token}` },
        payload: { cursor: {} },
      });
    expect((await pull()).statusCode).toBe(200);
    const res = await w.headA.post(`/api/v1/devices/${tablet}/revoke-credential`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().provisioned).toBe(false);
    const [cred] = await credentials();
    expect(cred?.tokenHash).toBe(sha256(token));
    expect(cred?.revokedAt).not.toBeNull();
    expect((await history(w.headA, tablet))[0]).toMatchObject({
      action: 'revoked',
      actorName: 'Omar Idrissi',
    });
    // The tablet is told why at its next contact.
    const refused = await pull();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('device_revoked');
    const rows = (await history(w.headA, tablet)).length;
    expect((await w.headA.post(`/api/v1/devices/${tablet}/revoke-credential`)).statusCode).toBe(200);
    expect(await history(w.headA, tablet)).toHaveLength(rows);
  });

  it('a tablet reported lost is revoked at once, and its unused code stops working', async () => {
    await enrol(t, (await makeCode()).code);
    await act(w.headA, tablet, handOver(w.learnerA));
    const pending = await makeCode();
    expect((await act(w.headA, tablet, { action: 'report_lost' })).statusCode).toBe(200);
    expect((await credentials()).every((c) => c.revokedAt !== null)).toBe(true);
    const [revoked, lost] = await history(w.headA, tablet);
    expect(revoked).toMatchObject({ action: 'revoked', toStatus: 'lost' });
    expect(lost).toMatchObject({ action: 'report_lost' });
    expect((await enrol(t, pending.code)).json().error.code).toBe('code_expired');
    expect((await w.headA.post(`/api/v1/devices/${tablet}/enrolment-codes`)).statusCode).toBe(409);
  });

  it('retiring a tablet revokes it too', async () => {
    await enrol(t, (await makeCode()).code);
    expect((await act(w.admin, tablet, { action: 'retire' })).statusCode).toBe(200);
    expect((await w.admin.get(`/api/v1/devices/${tablet}`)).json().provisioned).toBe(false);
  });
});
