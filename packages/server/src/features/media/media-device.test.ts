import type { MediaRecord } from '@lawh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, testDialect } from '../../../test/helpers';
import { insertEnrolment } from '../../../test/roster-fixtures';
import { nowIso } from '../../lib/time';
import { bearer, classroomWorld, sha } from '../classroom/classroom.fixtures';
import { insertDevice } from '../sync/sync.fixtures';
import { jpeg, upload, wav } from './media.fixtures';

// A provisioned tablet has no session cookie: it downloads media with its device credential under
// the sync prefix (web tablet/media.ts), resuming with Range like any other client. It may fetch
// only the files that rows of its own scopes reference: the hash alone is no capability.
describe(`media for tablets (${testDialect})`, () => {
  let x: Awaited<ReturnType<typeof classroomWorld>>;
  let audio: Buffer;
  let record: MediaRecord;
  let shared: { deviceId: string; token: string };
  let otherSchool: { deviceId: string; token: string };
  let classmate: { deviceId: string; token: string };

  beforeAll(async () => {
    x = await classroomWorld();
    audio = wav(1000);
    record = (await upload(x.c.teacher, audio, 'a.wav')).json();
    shared = await insertDevice(x.t.db, x.w.schoolA);
    otherSchool = await insertDevice(x.t.db, x.w.schoolB);
    const pupil2 = (await insertUser(x.t.db, 'learner', x.w.schoolA, { givenName: 'Sara' })).id;
    await insertEnrolment(x.t.db, x.w.classA1, pupil2, 'learner');
    classmate = await insertDevice(x.t.db, x.w.schoolA, { learnerId: pupil2 });
  });
  afterAll(async () => x?.t.close());

  const get = (hash: string, headers: Record<string, string>) =>
    x.t.app.inject({ method: 'GET', url: `/api/sync/v1/media/${hash}`, headers });
  /** Each tablet pulls first, as it does before fetching what its rows name. */
  const statusFor = async (hash: string, tablet: { token: string }) => {
    await x.pullAll(tablet.token);
    return (await get(hash, bearer(tablet.token))).statusCode;
  };

  it('a file no row references is not served to any tablet', async () => {
    expect(await statusFor(record.hash, shared)).toBe(404);
    expect(await statusFor(record.hash, x.tablet)).toBe(404);
  });

  it("serves a task's attachment to the class's tablets, with Range, and to no other school's", async () => {
    const task = await x.c.teacher.post(`/api/v1/classes/${x.w.classA1}/assignments`, {
      kind: 'task',
      title: 'Écoute et réponds',
      openAt: '2026-01-01T08:00:00.000Z',
      attachments: [{ hash: record.hash, name: 'consigne.wav' }],
    });
    expect(task.statusCode, task.body).toBe(201);

    expect(await statusFor(record.hash, shared)).toBe(200);
    expect(await statusFor(record.hash, x.tablet)).toBe(200);
    expect(await statusFor(record.hash, otherSchool)).toBe(404);

    const whole = await get(record.hash, bearer(shared.token));
    expect(whole.rawPayload.equals(audio)).toBe(true);
    const rest = await get(record.hash, { ...bearer(shared.token), range: 'bytes=100-' });
    expect(rest.statusCode).toBe(206);
    expect(rest.rawPayload.equals(audio.subarray(100))).toBe(true);
  });

  it("a learner's photo reaches their own tablet, not a classmate's handed-over tablet", async () => {
    const task = await x.c.teacher.post(`/api/v1/classes/${x.w.classA1}/assignments`, {
      kind: 'task',
      title: 'Photographie ton cahier',
      openAt: '2026-01-01T08:00:00.000Z',
    });
    const photo = await jpeg(24, 24);
    expect((await x.putMedia(photo, 'image/jpeg')).statusCode).toBe(201);
    const ref = { hash: sha(photo), mime: 'image/jpeg', bytes: photo.length, kind: 'photo' };
    expect((await x.push([x.submission(task.json().id, { media: [ref] })])).json()).toMatchObject({
      quarantined: 0,
    });

    expect(await statusFor(ref.hash, x.tablet)).toBe(200);
    expect(await statusFor(ref.hash, classmate)).toBe(404);
    expect(await statusFor(ref.hash, otherSchool)).toBe(404);
    // A shared class tablet holds its learners' scopes (a known limit: docs/sync-protocol.md).
    expect(await statusFor(ref.hash, shared)).toBe(200);
  });

  it('refuses a request with no credential, and a revoked tablet with device_revoked', async () => {
    expect((await get(record.hash, {})).statusCode).toBe(401);
    await x.t.db
      .updateTable('deviceCredentials')
      .set({ revokedAt: nowIso() })
      .where('deviceId', '=', shared.deviceId)
      .execute();
    const res = await get(record.hash, bearer(shared.token));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('device_revoked');
  });
});
