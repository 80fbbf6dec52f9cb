import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { SYNC_LIMITS, type SyncEvent } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { buildApp } from '../../app';
import { type Database, openDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { WriteLock } from '../../db/write-lock';
import { nowIso } from '../../lib/time';
import { workerRunner } from './push-worker';
import { insertDevice, lessonEvent, pullEverything, STATUS, syncWorld, tabletBody } from './sync.fixtures';

// On a SQLite file, pushes are parsed, checked and stored by the push worker (push-worker.ts), on a
// connection of its own, while the request thread keeps writing on its connection. These tests run
// a server over a real file, so the worker path is the one taken.

let dir: string;
let database: Database;
let app: FastifyInstance;
let w: Awaited<ReturnType<typeof syncWorld>>;
/** The same world on the in-memory database, where pushes run on the request thread. */
let inline: TestApp;
let wInline: Awaited<ReturnType<typeof syncWorld>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lawh-push-worker-'));
  database = openDatabase(join(dir, 'lawh.db'));
  await migrateToLatest(database.db);
  app = await buildApp({ database });
  w = await syncWorld(database.db);
  inline = await testApp();
  wInline = await syncWorld(inline.db);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await inline?.close();
  rmSync(dir, { recursive: true, force: true });
});

const push = (
  target: FastifyInstance,
  token: string,
  payload: unknown,
  headers: Record<string, string> = {},
) =>
  target.inject({
    method: 'POST',
    url: '/api/sync/v1/push',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
  });
const storedFor = async (deviceId: string) =>
  Number(
    (
      await database.db
        .selectFrom('syncEvents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('deviceId', '=', deviceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(testDialect !== 'sqlite')('the push worker (SQLite file)', () => {
  it('stores a push once, off the request thread, and the request thread reads it at once', async () => {
    expect(app.syncPushes.inWorker).toBe(true);
    expect(inline.app.syncPushes.inWorker).toBe(false);
    const [learner] = w.learnerIds as [string];
    const events = [1, 2, 3].map((seq) => lessonEvent(w.deviceId, seq, learner, w.contentIds[0] as string));
    const first = await push(app, w.token, { events, status: STATUS });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ackedSeq: 3, quarantined: 0 });
    // A lost acknowledgement: the same batch again, gzip this time, is acknowledged and not stored twice.
    const again = await push(app, w.token, gzipSync(JSON.stringify({ events, status: STATUS })), {
      'content-encoding': 'gzip',
    });
    expect(again.json()).toMatchObject({ ackedSeq: 3 });
    expect(await storedFor(w.deviceId)).toBe(3);
    // The progress the worker folded is in the change log the request thread serves.
    const rows = await pullEverything(app, w.token);
    expect(rows.find((c) => c.entity === 'progress' && c.key.startsWith(learner))?.data).toMatchObject({
      status: 'completed',
    });
  });

  it("takes a full batch, gzip or not, plain or in the tablet's pieces, whose bytes move to the worker whole", async () => {
    const [learner] = w.learnerIds as [string];
    for (const [zip, pieces] of [
      [true, false],
      [false, false],
      [true, true],
    ] as const) {
      const device = await insertDevice(database.db, w.schoolId);
      const events = Array.from({ length: SYNC_LIMITS.pushMaxEvents }, (_, i) =>
        lessonEvent(device.deviceId, i + 1, learner, w.contentIds[0] as string),
      );
      const perPiece = Array.from({ length: Math.ceil(events.length / 64) }, (_, k) =>
        events.slice(k * 64, k * 64 + 64),
      );
      const json = pieces ? tabletBody(STATUS, perPiece) : JSON.stringify({ events, status: STATUS });
      // Inflated in several steps, and past what one socket read brings.
      expect(json.length).toBeGreaterThan(300_000);
      const res = await push(app, device.token, zip ? gzipSync(json) : Buffer.from(json), {
        ...(zip ? { 'content-encoding': 'gzip' } : {}),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ackedSeq: SYNC_LIMITS.pushMaxEvents, quarantined: 0 });
      expect(await storedFor(device.deviceId)).toBe(SYNC_LIMITS.pushMaxEvents);
    }
  });

  it('answers a bad push as Fastify answered it on the request thread, and stores nothing', async () => {
    const event = (deviceId: string, actor: string, content: string) =>
      lessonEvent(deviceId, 1, actor, content);
    type Make = (deviceId: string, actor: string, content: string) => unknown;
    // What each answered before pushes left the request thread: Fastify's JSON parser and the
    // route's schema, with plugins/errors.ts shaping the answer.
    const cases: Array<{ make: Make; headers?: Record<string, string>; status: number; code: string }> = [
      { make: () => '', status: 400, code: 'invalid_json' },
      { make: () => '{"events": [', status: 400, code: 'invalid_json' },
      { make: () => '{"events":[],"status":{"__proto__":{"x":1}}}', status: 400, code: 'invalid_json' },
      // Large enough to be parsed in pieces (push-json.ts): a prototype key in the last piece.
      {
        make: (d, a, c) =>
          `{"status":{},"events":[\n${JSON.stringify(Array(400).fill(event(d, a, c))).slice(1, -1)},\n{"__proto__":{}}\n]}`,
        status: 400,
        code: 'invalid_json',
      },
      { make: () => undefined, headers: {}, status: 400, code: 'validation_failed' },
      {
        make: () => 'events',
        headers: { 'content-type': 'text/plain' },
        status: 400,
        code: 'validation_failed',
      },
      { make: () => ({ events: [] }), status: 400, code: 'validation_failed' },
      {
        make: (d, a, c) => ({ events: [{ ...event(d, a, c), deviceSeq: -1 }], status: STATUS }),
        status: 400,
        code: 'validation_failed',
      },
      {
        make: (d, a, c) => ({ events: [{ ...event(d, a, c), extra: true }], status: STATUS }),
        status: 400,
        code: 'validation_failed',
      },
      {
        make: (d, a, c) => ({ events: [event(d, a, c)], status: { ...STATUS, appVersion: '0.0.1' } }),
        status: 426,
        code: 'update_required',
      },
    ];
    const device = await insertDevice(database.db, w.schoolId);
    const deviceInline = await insertDevice(inline.db, wInline.schoolId);
    for (const { make, headers, status, code } of cases) {
      const send = (target: FastifyInstance, token: string, payload: unknown) => {
        const extra = headers ?? { 'content-type': 'application/json' };
        return target.inject({
          method: 'POST',
          url: '/api/sync/v1/push',
          headers: { authorization: `Bearer ${token}`, ...extra },
          ...(payload === undefined
            ? {}
            : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
        });
      };
      const viaWorker = await send(
        app,
        device.token,
        make(device.deviceId, w.learnerIds[0] as string, w.contentIds[0] as string),
      );
      const viaThread = await send(
        inline.app,
        deviceInline.token,
        make(deviceInline.deviceId, wInline.learnerIds[0] as string, wInline.contentIds[0] as string),
      );
      expect([headers, viaWorker.statusCode, viaWorker.json().error.code]).toEqual([headers, status, code]);
      expect([viaWorker.statusCode, viaWorker.json()]).toEqual([viaThread.statusCode, viaThread.json()]);
    }
    expect(await storedFor(device.deviceId)).toBe(0);
  });

  it('lets the request thread write while tablets push, with no busy error and nothing lost', async () => {
    const [learner] = w.learnerIds as [string];
    const tablets = await Promise.all([0, 1, 2].map(() => insertDevice(database.db, w.schoolId)));
    const pushes = tablets.map(async (tablet) => {
      for (let batch = 0; batch < 8; batch++) {
        const events: SyncEvent[] = [];
        for (let k = 1; k <= 25; k++)
          events.push(lessonEvent(tablet.deviceId, batch * 25 + k, learner, w.contentIds[k % 2] as string));
        const res = await push(app, tablet.token, { events, status: STATUS });
        expect(res.statusCode).toBe(200);
      }
    });
    // Meanwhile the request thread reads, waits, then writes in one transaction (a deferred
    // transaction would fail with SQLITE_BUSY_SNAPSHOT once the worker commits in between), and
    // writes outside transactions.
    const writes = (async () => {
      for (let i = 0; i < 20; i++) {
        await database.db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom('syncEvents')
            .select('seq')
            .orderBy('seq', 'desc')
            .limit(1)
            .execute();
          await sleep(2);
          await trx
            .updateTable('devices')
            .set({ batch: `after event ${before[0]?.seq ?? 0}`, updatedAt: nowIso() })
            .where('id', '=', w.deviceId)
            .execute();
        });
        await database.db
          .updateTable('devices')
          .set({ updatedAt: nowIso() })
          .where('id', '=', w.deviceId)
          .execute();
        await sleep(1);
      }
    })();
    await Promise.all([...pushes, writes]);
    for (const tablet of tablets) expect(await storedFor(tablet.deviceId)).toBe(200);
    const device = await database.db
      .selectFrom('devices')
      .select('batch')
      .where('id', '=', w.deviceId)
      .executeTakeFirstOrThrow();
    expect(device.batch).toMatch(/^after event \d+$/);
  });

  it('starts the worker when the server listens, before any push', async () => {
    const listening = await buildApp({ database });
    try {
      expect(listening.syncPushes.started).toBe(false);
      await listening.listen({ port: 0, host: '127.0.0.1' });
      expect(listening.syncPushes.started).toBe(true);
    } finally {
      await listening.close();
    }
    expect(listening.syncPushes.started).toBe(false);
  });

  it('fails the pushes of a worker that dies, frees its lock, and starts a new one', async () => {
    const errors: unknown[] = [];
    const runner = workerRunner(
      new URL('../../../test/fixtures/dying-push-worker.mjs', import.meta.url),
      join(dir, 'lawh.db'),
      database.writeLock as WriteLock,
      { error: (e: unknown) => errors.push(e) },
    );
    const device = { deviceId: w.deviceId, credentialId: 'c', schoolId: w.schoolId, learnerId: null };
    await expect(runner.push(device, Buffer.from('{}'))).rejects.toThrow(/exited with code 3/);
    // The request thread can write again: the dead worker's hold on the lock was released.
    await database.db
      .updateTable('devices')
      .set({ updatedAt: nowIso() })
      .where('id', '=', w.deviceId)
      .execute();
    // A new worker takes the next push (this one dies too, which shows it was started).
    await expect(runner.push(device, Buffer.from('{}'))).rejects.toThrow(/exited with code 3/);
    await runner.close();
  });
});
