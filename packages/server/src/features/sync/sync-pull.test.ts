import { pullResponse } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import { pullService } from './pull.service';
import { SYNC_CONFIG } from './sync.config';
import { insertDevice, lessonEvent, STATUS, syncCalls, syncWorld } from './sync.fixtures';

// The pull side of the sync routes, and the server's load limits (the push side: sync.test.ts).

let t: TestApp;
let w: Awaited<ReturnType<typeof syncWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await syncWorld(t.db);
});
afterEach(() => t.close());

const { bearer, push, pull } = syncCalls(() => t);

describe('pull', () => {
  it('sends one change for a progress row updated many times, to a fresh tablet and to one behind', async () => {
    const [l0] = w.learnerIds as [string];
    const [c0] = w.contentIds as [string];
    const behind = await insertDevice(t.db, w.schoolId);
    const start = pullResponse.parse((await pull(behind.token)).json()).cursor;
    const updates = 7;
    for (let seq = 1; seq <= updates; seq++)
      expect((await push(w.token, [lessonEvent(w.deviceId, seq, l0, c0)])).statusCode).toBe(200);
    const progress = (page: { changes: Array<{ entity: string }> }) =>
      page.changes.filter((c) => c.entity === 'progress');
    for (const token of [(await insertDevice(t.db, w.schoolId)).token, behind.token]) {
      const page = pullResponse.parse((await pull(token, token === behind.token ? start : {})).json());
      expect(progress(page)).toMatchObject([
        { scope: `learner:${l0}`, key: `${l0}:${c0}`, op: 'put', data: { attempts: updates } },
      ]);
    }
  });

  it('sends the roster and assigned content of the school, then nothing new', async () => {
    const page = pullResponse.parse((await pull(w.token)).json());
    const entities = page.changes.map((c) => c.entity);
    expect(entities.filter((e) => e === 'learner')).toHaveLength(3);
    expect(entities.filter((e) => e === 'content')).toHaveLength(2);
    expect(new Set(entities)).toEqual(
      new Set(['school', 'class', 'learner', 'enrolment', 'assignment', 'content']),
    );
    expect(page.hasMore).toBe(false);
    const again = pullResponse.parse((await pull(w.token, page.cursor)).json());
    expect(again.changes).toEqual([]);
  });

  it('answers gzip when asked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sync/v1/pull',
      headers: { ...bearer(w.token), 'accept-encoding': 'gzip' },
      payload: { cursor: {} },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('shrinks the scopes of a tablet handed to one learner: the others are removed', async () => {
    const page = pullResponse.parse((await pull(w.token)).json());
    await t.db
      .updateTable('devices')
      .set({ learnerId: w.learnerIds[0] as string, status: 'with_learner' })
      .where('id', '=', w.deviceId)
      .execute();
    const next = pullResponse.parse((await pull(w.token, page.cursor)).json());
    expect(next.removedScopes.sort()).toEqual(
      [`learner:${w.learnerIds[1]}`, `learner:${w.learnerIds[2]}`].sort(),
    );
    expect(Object.keys(next.cursor)).toContain(`learner:${w.learnerIds[0]}`);
  });

  it('answers 410 for a cursor older than the tombstone horizon; from 0 the tablet gets the rows that remain', async () => {
    const page = pullResponse.parse((await pull(w.token)).json());
    await t.db
      .updateTable('enrolments')
      .set({ archivedAt: nowIso() })
      .where('userId', '=', w.learnerIds[2] as string)
      .execute();
    // Another tablet pulls first and so logs the tombstones; then compaction drops them.
    const other = await insertDevice(t.db, w.schoolId);
    const refreshMs = SYNC_CONFIG.refreshMs;
    SYNC_CONFIG.refreshMs = 1;
    try {
      await new Promise((r) => setTimeout(r, 5));
      await pull(other.token);
    } finally {
      SYNC_CONFIG.refreshMs = refreshMs;
    }
    await pullService(t.database).compact(-60_000);
    const expired = await pull(w.token, page.cursor);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toMatchObject({
      code: 'cursor_expired',
      details: { scopes: [`class:${w.classId}`] },
    });
    const { [`class:${w.classId}`]: _gone, ...rest } = page.cursor;
    const fresh = pullResponse.parse((await pull(w.token, { ...rest, [`class:${w.classId}`]: 0 })).json());
    const enrolments = fresh.changes.filter((c) => c.entity === 'enrolment' && c.op === 'put');
    expect(enrolments).toHaveLength(2);
  });
});

describe('load', () => {
  it('answers 503 at once to a push whose body would take the bodies waiting for a slot past their byte bound', async () => {
    const saved = { ...SYNC_CONFIG };
    Object.assign(SYNC_CONFIG, { concurrency: 1, queueMax: 10, queueWaitMs: 5_000, queueBytes: 1 });
    const busy = await testApp();
    Object.assign(SYNC_CONFIG, saved);
    try {
      const world = await syncWorld(busy.db, 1);
      const [l0] = world.learnerIds as [string];
      const [c0] = world.contentIds as [string];
      const pushOne = (seq: number) =>
        busy.app.inject({
          method: 'POST',
          url: '/api/sync/v1/push',
          headers: bearer(world.token),
          payload: { events: [lessonEvent(world.deviceId, seq, l0, c0, 'lesson.opened')], status: STATUS },
        });
      const held = await busy.app.syncLimiter.acquire();
      // One body may always wait, whatever the bound.
      const queued = pushOne(1);
      for (let i = 0; i < 200 && busy.app.syncLimiter.waiting === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(busy.app.syncLimiter.waiting).toBe(1);
      const refused = await pushOne(2);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('busy');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(SYNC_CONFIG.retryAfterS);
      expect(busy.app.syncLimiter.waiting).toBe(1);
      held?.();
      expect((await queued).json().ackedSeq).toBe(1);
      // Nothing is waiting any more: the refused push goes through when sent again.
      expect((await pushOne(2)).json().ackedSeq).toBe(2);
    } finally {
      await busy.close();
    }
  });

  it('queues requests beyond the concurrency bound, and answers 503 with Retry-After past the queue', async () => {
    const saved = { ...SYNC_CONFIG };
    Object.assign(SYNC_CONFIG, { concurrency: 2, queueMax: 1, queueWaitMs: 5_000 });
    const busy = await testApp();
    Object.assign(SYNC_CONFIG, saved);
    try {
      const world = await syncWorld(busy.db, 1);
      const req = () =>
        busy.app.inject({
          method: 'POST',
          url: '/api/sync/v1/pull',
          headers: bearer(world.token),
          payload: { cursor: {} },
        });
      // Two long syncs hold both slots.
      const held = [await busy.app.syncLimiter.acquire(), await busy.app.syncLimiter.acquire()];
      const queued = req();
      for (let i = 0; i < 200 && busy.app.syncLimiter.waiting === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(busy.app.syncLimiter.waiting).toBe(1);
      const refused = await req();
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('busy');
      const after = Number(refused.headers['retry-after']);
      expect(after).toBeGreaterThanOrEqual(SYNC_CONFIG.retryAfterS);
      expect(after).toBeLessThanOrEqual(2 * SYNC_CONFIG.retryAfterS);
      // A slot frees: the queued tablet is served, and the slots all come back.
      held[0]?.();
      expect((await queued).statusCode).toBe(200);
      held[1]?.();
      expect(busy.app.syncLimiter.active).toBe(0);
      expect((await req()).statusCode).toBe(200);
    } finally {
      await busy.close();
    }
  });
});
