import type { AddressInfo } from 'node:net';
import { pullResponse } from '@lawh/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers';
import { pokeScopes } from './live';
import { classScope, schoolScope } from './scopes';
import { assign, insertContent, insertDevice, lessonEvent, STATUS, syncWorld } from './sync.fixtures';

// A live tablet hears about a change within moments and pulls it at once, not minutes later.

let t: TestApp;
let base: string;
beforeEach(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterEach(() => t.close());

/** Opens the live stream and resolves with the next event name seen (comments skipped). */
async function openLive(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/sync/v1/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextEvent = async (timeoutMs: number): Promise<string | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = /event: (\w+)\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice((m.index ?? 0) + m[0].length);
        return m[1] as string;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), left)),
      ]);
      if (chunk === null || chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { res, nextEvent, close: () => controller.abort() };
}

const post = (token: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });

describe('live pokes', () => {
  it('pokes a tablet when its class gets new work, and the next pull carries it', async () => {
    const w = await syncWorld(t.db, 2);
    const first = pullResponse.parse((await post(w.token, '/api/sync/v1/pull', { cursor: {} })).json());
    const live = await openLive(w.token);
    try {
      expect(live.res.headers.get('content-type')).toContain('text/event-stream');
      const content = await insertContent(t.db, w.teacherId, 'Les nombres décimaux');
      await assign(t.db, w.classId, content, w.teacherId);
      pokeScopes([classScope(w.classId), schoolScope(w.schoolId)]);
      const started = Date.now();
      expect(await live.nextEvent(2000)).toBe('poke');
      expect(Date.now() - started).toBeLessThan(1000);
      const next = pullResponse.parse(
        (await post(w.token, '/api/sync/v1/pull', { cursor: first.cursor })).json(),
      );
      expect(next.changes.filter((c) => c.entity === 'content').map((c) => c.key)).toEqual([content]);
      expect(next.changes.some((c) => c.entity === 'assignment')).toBe(true);
    } finally {
      live.close();
    }
  });

  it('pokes the other tablets of a learner when one of them pushes that learner’s work', async () => {
    const w = await syncWorld(t.db, 2);
    const teacherTablet = await insertDevice(t.db, w.schoolId);
    const live = await openLive(teacherTablet.token);
    try {
      const events = [lessonEvent(w.deviceId, 1, w.learnerIds[0] as string, w.contentIds[0] as string)];
      expect((await post(w.token, '/api/sync/v1/push', { events, status: STATUS })).statusCode).toBe(200);
      expect(await live.nextEvent(2000)).toBe('poke');
    } finally {
      live.close();
    }
  });

  it('refuses a live stream without a credential', async () => {
    expect((await fetch(`${base}/api/sync/v1/live`)).status).toBe(401);
  });
});
