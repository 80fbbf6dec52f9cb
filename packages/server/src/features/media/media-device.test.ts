import { type MediaRecord, newId } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import { issueDeviceCredential } from '../../plugins/device-auth';
import { type MediaTestApp, mediaTestApp, upload, wav } from './media.fixtures';

// A provisioned tablet has no session cookie: it downloads media with its device credential under
// the sync prefix (web tablet/media.ts), resuming with Range like any other client.
describe(`media for tablets (${testDialect})`, () => {
  let t: MediaTestApp;
  let audio: Buffer;
  let record: MediaRecord;
  let token: string;
  let credentialId: string;

  beforeAll(async () => {
    t = await mediaTestApp();
    audio = wav(1000);
    record = (await upload(t.teacher, audio, 'a.wav')).json();
    const school = await t.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
    const deviceId = newId();
    await t.db
      .insertInto('devices')
      .values({
        id: deviceId,
        serialNumber: 'TAB-MEDIA-1',
        model: 'Galaxy Tab A8',
        batch: '2026-A',
        status: 'at_school',
        condition: 'good',
        schoolId: school.id,
        searchText: 'tab-media-1',
        createdAt: nowIso(),
        updatedAt: nowIso(),
      })
      .execute();
    ({ token, credentialId } = await issueDeviceCredential(t.db, deviceId, null));
  });
  afterAll(async () => t?.close());

  const get = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/sync/v1/media/${record.hash}`, headers });

  it('serves the bytes to a tablet with its bearer credential, and resumes with Range', async () => {
    const whole = await get({ authorization: `Bearer ${token}` });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(audio)).toBe(true);
    const rest = await get({ authorization: `Bearer ${token}`, range: 'bytes=100-' });
    expect(rest.statusCode).toBe(206);
    expect(rest.rawPayload.equals(audio.subarray(100))).toBe(true);
  });

  it('refuses a request with no credential, and a revoked tablet with device_revoked', async () => {
    expect((await get({})).statusCode).toBe(401);
    await t.db
      .updateTable('deviceCredentials')
      .set({ revokedAt: nowIso() })
      .where('id', '=', credentialId)
      .execute();
    const res = await get({ authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('device_revoked');
  });
});
