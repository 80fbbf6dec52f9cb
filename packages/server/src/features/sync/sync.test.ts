import { gzipSync } from 'node:zlib';
import { pullResponse, pushResponse, SYNC_LIMITS } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertSchool, insertUser, signIn, type TestApp, testApp } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import { hashToken } from '../../plugins/auth';
import { insertDevice, lessonEvent, STATUS, syncCalls, syncWorld } from './sync.fixtures';
import { PUSH_BODY_LIMIT } from './sync.routes';

let t: TestApp;
let w: Awaited<ReturnType<typeof syncWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await syncWorld(t.db);
});
afterEach(() => t.close());

const { bearer, push, pull, count } = syncCalls(() => t);

describe('device credential', () => {
  it('refuses a push without a credential, with an unknown one, and says when it was revoked', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/sync/v1/push',
          payload: { events: [], status: STATUS },
        })
      ).statusCode,
    ).toBe(401);
    const unknown = await push('not-a-real-token-at-all-0123456789abcdef', []);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('unauthorized');
    expect((await push(w.token, [])).statusCode).toBe(200);
    await t.db
      .updateTable('deviceCredentials')
      .set({ revokedAt: nowIso() })
      .where('deviceId', '=', w.deviceId)
      .execute();
    const revoked = await push(w.token, []);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('device_revoked');
    expect((await pull(w.token)).json().error.code).toBe('device_revoked');
  });

  it('ignores a signed-in browser session on the sync routes (no CSRF check there)', async () => {
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    const admin = await signIn(t.app, 'admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/sync/v1/push',
      headers: { ...bearer(w.token), 'x-csrf-token': 'wrong' },
      payload: { events: [], status: STATUS },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('push', () => {
  it('stores each event once, acknowledges it, and turns it into progress a teacher device pulls', async () => {
    const [l0] = w.learnerIds as [string];
    const [c0] = w.contentIds as [string];
    const events = [lessonEvent(w.deviceId, 1, l0, c0, 'lesson.opened'), lessonEvent(w.deviceId, 2, l0, c0)];
    const first = await push(w.token, events, { ...STATUS, outboxCount: 2 });
    expect(first.statusCode).toBe(200);
    expect(pushResponse.parse(first.json())).toMatchObject({ ackedSeq: 2, quarantined: 0 });
    // The answer was lost: the tablet sends the same batch again.
    expect((await push(w.token, events)).json().ackedSeq).toBe(2);
    expect(await count('syncEvents')).toBe(2);
    const progress = await t.db.selectFrom('learnerProgress').selectAll().execute();
    expect(progress).toMatchObject([{ learnerId: l0, contentId: c0, status: 'completed', attempts: 1 }]);
    const device = await t.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', w.deviceId)
      .executeTakeFirstOrThrow();
    expect(device).toMatchObject({ appVersion: '1.0.0', outboxCount: 0, freeStorageBytes: 1_000_000_000 });
    expect(device.lastSyncAt).not.toBeNull();

    const teacherTablet = await insertDevice(t.db, w.schoolId);
    const page = pullResponse.parse((await pull(teacherTablet.token)).json());
    const rows = page.changes.filter((c) => c.entity === 'progress');
    expect(rows).toMatchObject([
      { scope: `learner:${l0}`, op: 'put', data: { learnerId: l0, contentId: c0, status: 'completed' } },
    ]);
  });

  it('acknowledges only up to a gap, and past it once the gap is filled, however far the events above go', async () => {
    const [l0] = w.learnerIds as [string];
    const [c0] = w.contentIds as [string];
    const ev = (seq: number) => lessonEvent(w.deviceId, seq, l0, c0, 'lesson.opened');
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
    // Seq 2 is missing: events after it are stored but not acknowledged.
    expect((await push(w.token, [ev(1), ev(3), ev(4)])).json().ackedSeq).toBe(1);
    // Further above, in batches of 500, past the window the server reads around a batch (2,000 seqs).
    for (let from = 5; from <= 2504; from += 500)
      expect((await push(w.token, range(from, from + 499))).json().ackedSeq).toBe(1);
    // The gap is filled: everything held above it is acknowledged, in windows.
    expect((await push(w.token, [ev(2)])).json().ackedSeq).toBe(2504);
    // A resend below the acknowledgement, and an empty push, change nothing.
    expect((await push(w.token, [ev(3)])).json().ackedSeq).toBe(2504);
    expect((await push(w.token, [])).json().ackedSeq).toBe(2504);
    expect(await count('syncEvents')).toBe(2504);
  });

  it('takes a full batch of the most events a push may hold, and refuses one more naming the field, storing nothing', async () => {
    const [l0] = w.learnerIds as [string];
    const [c0] = w.contentIds as [string];
    const ev = (seq: number) => lessonEvent(w.deviceId, seq, l0, c0, 'lesson.opened');
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => ev(from + i));
    const max = SYNC_LIMITS.pushMaxEvents;
    const over = await push(w.token, range(1, max + 1));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.issues[0].field).toBe('events');
    expect(await count('syncEvents')).toBe(0);
    const full = await push(w.token, range(1, max));
    expect(full.statusCode).toBe(200);
    expect(full.json().ackedSeq).toBe(max);
    expect(await count('syncEvents')).toBe(max);
  });

  it('accepts a gzip body and refuses one too large once decompressed, with 413', async () => {
    const events = [lessonEvent(w.deviceId, 1, w.learnerIds[0] as string, w.contentIds[0] as string)];
    const zipped = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/push',
      headers: { ...bearer(w.token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ events, status: STATUS })),
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.json().ackedSeq).toBe(1);
    // Highly compressible padding: small on the wire, over the limit once inflated.
    const big = { events, status: STATUS, pad: 'x'.repeat(PUSH_BODY_LIMIT) };
    const bomb = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/push',
      headers: { ...bearer(w.token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify(big)),
    });
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.code).toBe('body_too_large');
  });

  it('tells an app older than minAppVersion to update, and stores nothing', async () => {
    const res = await push(
      w.token,
      [lessonEvent(w.deviceId, 1, w.learnerIds[0] as string, w.contentIds[0] as string)],
      {
        ...STATUS,
        appVersion: '0.0.9',
      },
    );
    expect(res.statusCode).toBe(426);
    expect(res.json().error.code).toBe('update_required');
    expect(await count('syncEvents')).toBe(0);
    const device = await t.db
      .selectFrom('devices')
      .select('lastSyncAt')
      .where('id', '=', w.deviceId)
      .executeTakeFirstOrThrow();
    expect(device.lastSyncAt).toBeNull();
  });

  it('quarantines and acknowledges events of strangers and bad payloads; admins of the school see them', async () => {
    const otherSchool = await insertSchool(t.db);
    const stranger = await insertUser(t.db, 'learner', otherSchool);
    const l0 = w.learnerIds[0] as string;
    const c0 = w.contentIds[0] as string;
    const bad = { ...lessonEvent(w.deviceId, 2, l0, c0), payload: { contentId: c0 } };
    const unknown = { ...lessonEvent(w.deviceId, 3, l0, c0), kind: 'video.watched' };
    const res = await push(w.token, [
      lessonEvent(w.deviceId, 1, stranger.id, c0),
      bad,
      unknown,
      lessonEvent(w.deviceId, 4, l0, c0),
    ]);
    expect(res.json()).toMatchObject({ ackedSeq: 4, quarantined: 3 });
    expect(await count('syncEvents')).toBe(1);
    expect(
      await t.db.selectFrom('learnerProgress').selectAll().where('learnerId', '=', stranger.id).execute(),
    ).toEqual([]);
    // Sent again: still three held, nothing new.
    expect((await push(w.token, [lessonEvent(w.deviceId, 1, stranger.id, c0)])).json().quarantined).toBe(0);
    expect(await count('syncQuarantine')).toBe(3);

    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    await insertUser(t.db, 'school_admin', w.schoolId, { username: 'head' });
    await insertUser(t.db, 'school_admin', otherSchool, { username: 'otherhead' });
    const list = (await (await signIn(t.app, 'admin')).get('/api/v1/sync/quarantine')).json();
    expect(list.items.map((i: { reason: string }) => i.reason.split(':')[0]).sort()).toEqual([
      'actor_not_in_school',
      'invalid_payload',
      'unknown_kind',
    ]);
    expect((await (await signIn(t.app, 'head')).get('/api/v1/sync/quarantine')).json().items).toHaveLength(3);
    expect(
      (await (await signIn(t.app, 'otherhead')).get('/api/v1/sync/quarantine')).json().items,
    ).toHaveLength(0);
    const teacher = await insertUser(t.db, 'teacher', w.schoolId, { username: 'teach' });
    expect(teacher).toBeTruthy();
    expect((await (await signIn(t.app, 'teach')).get('/api/v1/sync/quarantine')).statusCode).toBe(403);
  });

  it('on a tablet handed to one learner, quarantines the work of any other learner', async () => {
    const [l0, l1] = w.learnerIds as [string, string];
    await t.db
      .updateTable('devices')
      .set({ learnerId: l0, status: 'with_learner' })
      .where('id', '=', w.deviceId)
      .execute();
    const c0 = w.contentIds[0] as string;
    const res = await push(w.token, [lessonEvent(w.deviceId, 1, l0, c0), lessonEvent(w.deviceId, 2, l1, c0)]);
    expect(res.json()).toMatchObject({ ackedSeq: 2, quarantined: 1 });
    const held = await t.db.selectFrom('syncQuarantine').select('reason').executeTakeFirstOrThrow();
    expect(held.reason).toMatch(/^actor_not_on_tablet/);
  });

  it('stops a lost tablet from syncing, saying why', async () => {
    await t.db.updateTable('devices').set({ status: 'lost' }).where('id', '=', w.deviceId).execute();
    const res = await push(w.token, []);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('device_revoked');
  });

  it('tells a tablet enrolled again where its sequence stands, so new events are not taken for resends', async () => {
    const l0 = w.learnerIds[0] as string;
    const c0 = w.contentIds[0] as string;
    await push(
      w.token,
      [1, 2, 3].map((n) => lessonEvent(w.deviceId, n, l0, c0)),
    );
    const code = 'ABCD2345';
    await t.db
      .insertInto('enrolmentCodes')
      .values({
        codeHash: hashToken(code),
        deviceId: w.deviceId,
        createdBy: w.teacherId,
        createdAt: nowIso(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        usedAt: null,
      })
      .execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/enrol',
      payload: { code, appVersion: '1.0.0' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lastSeq).toBe(3);
  });

  it('quarantines an event that names another tablet instead of writing into its sequence', async () => {
    const other = await insertDevice(t.db, w.schoolId);
    const res = await push(w.token, [
      lessonEvent(other.deviceId, 1, w.learnerIds[0] as string, w.contentIds[0] as string),
    ]);
    expect(res.json()).toMatchObject({ ackedSeq: 1, quarantined: 1 });
    expect(await count('syncEvents')).toBe(0);
  });
});
