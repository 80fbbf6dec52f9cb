import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullResponse } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase, testDialect } from '../../../test/helpers';
import { buildApp } from '../../app';
import { pokeScopes } from './live';
import { classScope, schoolScope } from './scopes';
import { assign, insertContent, insertDevice, lessonEvent, STATUS, syncWorld } from './sync.fixtures';

// Two server instances on one PostgreSQL database (this process, and a child process): a change
// made through one reaches the live tablets of the other within moments, and the other's next pull
// carries it, through LISTEN/NOTIFY. On SQLite pokes stay in the process (sync.live.test.ts).

let database: Awaited<ReturnType<typeof testDatabase>>;
let here: FastifyInstance;
let hereBase: string;
let other: ChildProcess;
let otherBase: string;

async function startOther(url: string): Promise<string> {
  const script = join(import.meta.dirname, 'live.instance.ts');
  other = spawn(process.execPath, ['--import', 'tsx', script, url], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, MEDIA_DIR: mkdtempSync(join(tmpdir(), 'lawh-relay-media-')) },
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    other.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    other.once('exit', (code) => reject(new Error(`the other instance exited (${code})`)));
  });
  return `http://127.0.0.1:${port}`;
}

beforeEach(async () => {
  if (testDialect !== 'postgres') return;
  database = await testDatabase();
  here = await buildApp({ database });
  await here.listen({ port: 0, host: '127.0.0.1' });
  hereBase = `http://127.0.0.1:${(here.server.address() as AddressInfo).port}`;
  otherBase = await startOther(database.url);
});
afterEach(async () => {
  if (testDialect !== 'postgres') return;
  const exited = new Promise((r) => other.once('exit', r));
  other.stdin?.end();
  await exited;
  await here.close();
  await database.drop();
});

/** Opens the live stream of one instance and resolves with the next event name seen. */
async function openLive(base: string, token: string) {
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
  return { nextEvent, close: () => controller.abort() };
}

const post = async (base: string, token: string, url: string, payload: object) => {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe.skipIf(testDialect !== 'postgres')('sync pokes across server instances (PostgreSQL)', () => {
  it('a change poked on one instance pokes a live tablet on the other, whose next pull there carries it', async () => {
    const w = await syncWorld(database.db, 2);
    const first = pullResponse.parse(
      (await post(otherBase, w.token, '/api/sync/v1/pull', { cursor: {} })).body,
    );
    const live = await openLive(otherBase, w.token);
    try {
      const content = await insertContent(database.db, w.teacherId, 'Les nombres décimaux');
      await assign(database.db, w.classId, content, w.teacherId);
      pokeScopes([classScope(w.classId), schoolScope(w.schoolId)]);
      const started = Date.now();
      expect(await live.nextEvent(3000)).toBe('poke');
      expect(Date.now() - started).toBeLessThan(2000);
      // The other instance projected the class at the first pull moments ago: only the relayed
      // "dirty" mark makes it project again now rather than at the next time-bounded refresh.
      const next = pullResponse.parse(
        (await post(otherBase, w.token, '/api/sync/v1/pull', { cursor: first.cursor })).body,
      );
      expect(next.changes.filter((c) => c.entity === 'content').map((c) => c.key)).toEqual([content]);
      expect(next.changes.some((c) => c.entity === 'assignment')).toBe(true);
    } finally {
      live.close();
    }
  });

  it('a push to the other instance pokes the learner’s other tablets live on this one', async () => {
    const w = await syncWorld(database.db, 2);
    const teacherTablet = await insertDevice(database.db, w.schoolId);
    const live = await openLive(hereBase, teacherTablet.token);
    try {
      const events = [lessonEvent(w.deviceId, 1, w.learnerIds[0] as string, w.contentIds[0] as string)];
      expect((await post(otherBase, w.token, '/api/sync/v1/push', { events, status: STATUS })).status).toBe(
        200,
      );
      expect(await live.nextEvent(3000)).toBe('poke');
    } finally {
      live.close();
    }
  });

  it('a tablet of an unrelated class hears nothing', async () => {
    const w = await syncWorld(database.db, 1);
    const elsewhere = await syncWorld(database.db, 1);
    const live = await openLive(otherBase, elsewhere.token);
    try {
      pokeScopes([classScope(w.classId)]);
      expect(await live.nextEvent(800)).toBeNull();
    } finally {
      live.close();
    }
  });
});
