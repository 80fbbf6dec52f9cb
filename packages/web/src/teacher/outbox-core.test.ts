import type { TeacherEvent, TeacherEventResult } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { flushOutbox, type OutboxStore, type QueuedEvent, type SendError } from './outbox-core';

/** The outbox in memory, with the same settle rules as the IndexedDB one. */
function memoryStore(events: QueuedEvent[]): OutboxStore & { all: QueuedEvent[] } {
  const s = {
    all: events,
    async pending(userId: string, limit: number) {
      return s.all.filter((e) => e.userId === userId && e.status === 'pending').slice(0, limit);
    },
    async settle(results: TeacherEventResult[]) {
      for (const r of results) {
        const i = s.all.findIndex((e) => e.id === r.id);
        if (i < 0) continue;
        if (r.status === 'applied') s.all.splice(i, 1);
        else s.all[i] = { ...(s.all[i] as QueuedEvent), status: 'rejected', error: r.error };
      }
    },
  };
  return s;
}

const queued = (n: number, userId = 'teacher-1'): QueuedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    userId,
    kind: i % 7 === 3 ? 'attendance.bad' : 'attendance.marked',
    v: 1,
    clientTs: '2026-11-27T08:00:00.000Z',
    payload: { n: i },
    status: 'pending',
  }));

/** A server as the outbox sees it: applies each id once and answers from its record afterwards. */
function server() {
  const applied: string[] = [];
  const record = new Map<string, TeacherEventResult>();
  const answer = (e: TeacherEvent): TeacherEventResult => {
    const prior = record.get(e.id);
    if (prior) return prior;
    const r: TeacherEventResult =
      e.kind === 'attendance.bad'
        ? {
            id: e.id,
            status: 'rejected',
            error: { code: 'invalid', message: 'no such class', field: 'classId' },
          }
        : { id: e.id, status: 'applied' };
    if (r.status === 'applied') applied.push(String(e.payload.n));
    record.set(e.id, r);
    return r;
  };
  return { applied, answer };
}

const fail = (status: number, extra: Partial<SendError> = {}): SendError => ({ status, ...extra });

describe('teacher outbox rules', () => {
  it('survives lost answers and cut connections: every event applied once, in order, rejections kept', async () => {
    const s = server();
    const store = memoryStore(queued(250));
    let call = 0;
    // Call 1: the server applies the batch but the answer is lost. Call 2: no connection at all.
    const send = async (events: TeacherEvent[]) => {
      call++;
      if (call === 2) throw fail(0);
      const results = events.map(s.answer);
      if (call === 1) throw fail(0);
      return results;
    };
    expect(await flushOutbox(store, send, 'teacher-1')).toBe('retry');
    expect(await flushOutbox(store, send, 'teacher-1')).toBe('retry');
    expect(store.all).toHaveLength(250);
    expect(await flushOutbox(store, send, 'teacher-1')).toBe('done');
    const good = queued(250).filter((e) => e.kind === 'attendance.marked');
    expect(s.applied).toEqual(good.map((e) => String(e.payload.n)));
    // What the server refused stays on the device, marked, with the reason to show.
    expect(store.all.map((e) => e.status)).toEqual(store.all.map(() => 'rejected'));
    expect(store.all).toHaveLength(250 - good.length);
    expect(store.all[0]?.error).toEqual({ code: 'invalid', message: 'no such class', field: 'classId' });
  });

  it("sends only the signed-in teacher's events, and stops when the session has ended", async () => {
    const s = server();
    const store = memoryStore([
      ...queued(2, 'teacher-1'),
      ...queued(1, 'teacher-2').map((e) => ({ ...e, id: `x${e.id}` })),
    ]);
    expect(await flushOutbox(store, async () => Promise.reject(fail(401)), 'teacher-1')).toBe('signed_out');
    expect(store.all.filter((e) => e.status === 'pending')).toHaveLength(3);
    expect(await flushOutbox(store, async (ev) => ev.map(s.answer), 'teacher-1')).toBe('done');
    expect(store.all.map((e) => e.userId)).toEqual(['teacher-2']);
  });

  it('a batch refused as a whole is marked rejected instead of blocking the queue; a 503 is retried', async () => {
    const store = memoryStore(queued(3));
    expect(await flushOutbox(store, async () => Promise.reject(fail(503)), 'teacher-1')).toBe('retry');
    expect(store.all.every((e) => e.status === 'pending')).toBe(true);
    const refuse = async () =>
      Promise.reject(fail(400, { code: 'validation', message: 'events.0.id: Invalid UUID' }));
    expect(await flushOutbox(store, refuse, 'teacher-1')).toBe('done');
    expect(store.all.map((e) => e.error?.message)).toEqual(Array(3).fill('events.0.id: Invalid UUID'));
  });

  it('an event the server did not answer stays pending', async () => {
    const store = memoryStore(queued(3));
    const s = server();
    const outcome = await flushOutbox(store, async (ev) => ev.slice(0, 1).map(s.answer), 'teacher-1');
    expect(outcome).toBe('done');
    expect(s.applied).toEqual(['0', '1', '2']);
    expect(store.all).toEqual([]);
    const silent = memoryStore(queued(2));
    expect(await flushOutbox(silent, async () => [], 'teacher-1')).toBe('retry');
    expect(silent.all).toHaveLength(2);
  });
});
