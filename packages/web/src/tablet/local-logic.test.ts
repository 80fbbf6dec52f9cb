import type { SyncChange, SyncEvent } from '@lawh/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBytes,
  isSent,
  nextCursor,
  pageOps,
  pushBody,
  reduceWork,
  resetCursor,
  smallerBatch,
  takeBatch,
  utf8Length,
} from './local-logic';

const C = '0190f0a0-0000-7000-8000-000000000001';
let seq = 0;
function ev(kind: string, payload: Record<string, unknown>, actorId = 'learner-a'): SyncEvent {
  seq += 1;
  return {
    id: `0190f0a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    deviceId: 'dev',
    deviceSeq: seq,
    actorId,
    kind,
    v: 1,
    clientTs: new Date(Date.UTC(2026, 10, 1, 8, seq)).toISOString(),
    payload,
  };
}

describe('applying a pull page', () => {
  const ch = (seq: number, key: string, op: 'put' | 'del', data?: unknown): SyncChange => ({
    seq,
    scope: 'school:s1',
    entity: 'learner',
    key,
    op,
    data,
  });

  it('keeps the last change of each row, so a put then a del leaves the row deleted', () => {
    const ops = pageOps([ch(1, 'a', 'put', { n: 1 }), ch(2, 'b', 'put', { n: 2 }), ch(3, 'a', 'del')]);
    expect(ops).toEqual([
      { op: 'put', row: { entity: 'learner', key: 'b', scope: 'school:s1', data: { n: 2 } } },
      { op: 'del', entity: 'learner', key: 'a' },
    ]);
  });

  it('a del then a put of the same row leaves the new data', () => {
    const ops = pageOps([ch(1, 'a', 'del'), ch(2, 'a', 'put', { n: 3 })]);
    expect(ops).toEqual([
      { op: 'put', row: { entity: 'learner', key: 'a', scope: 'school:s1', data: { n: 3 } } },
    ]);
  });

  it('an empty page writes nothing', () => {
    expect(pageOps([])).toEqual([]);
  });
});

describe('cursors', () => {
  it('takes the server positions, keeps unmentioned scopes and forgets removed ones', () => {
    expect(
      nextCursor({ 'school:s1': 5, 'class:c1': 9 }, { 'school:s1': 12, 'class:c2': 3 }, ['class:c1']),
    ).toEqual({ 'school:s1': 12, 'class:c2': 3 });
  });

  it('a 410 resets only the expired scopes to 0', () => {
    expect(resetCursor({ 'school:s1': 40, 'class:c1': 7 }, ['school:s1'])).toEqual({
      'school:s1': 0,
      'class:c1': 7,
    });
  });
});

describe('a learner’s local work', () => {
  it('goes started → completed → mastered and never back down', () => {
    let w = reduceWork(undefined, ev('quiz.answered', { contentId: C, version: 1, score: 1 }));
    expect(w).toMatchObject({ status: 'started', attempts: 0, score: null, learnerId: 'learner-a' });
    w = reduceWork(w!, ev('quiz.completed', { contentId: C, version: 1, score: 0.5, mastered: false }));
    expect(w).toMatchObject({ status: 'completed', attempts: 1, score: 0.5 });
    w = reduceWork(w!, ev('quiz.completed', { contentId: C, version: 1, score: 0.9, mastered: true }));
    expect(w).toMatchObject({ status: 'mastered', attempts: 2, score: 0.9 });
    w = reduceWork(w!, ev('lesson.opened', { contentId: C, version: 1 }));
    expect(w).toMatchObject({ status: 'mastered', attempts: 2, score: 0.9 });
  });

  it('a new version of the content starts a fresh record', () => {
    const v1 = reduceWork(undefined, ev('lesson.completed', { contentId: C, version: 1, durationMs: 5 }));
    const v2 = reduceWork(v1!, ev('lesson.opened', { contentId: C, version: 2 }));
    expect(v2).toMatchObject({ version: 2, status: 'started' });
  });

  it('is "waiting to send" until the server acknowledges its last event', () => {
    const w = reduceWork(undefined, ev('lesson.opened', { contentId: C, version: 1 }))!;
    expect(isSent(w, w.lastDeviceSeq - 1)).toBe(false);
    expect(isSent(w, w.lastDeviceSeq)).toBe(true);
  });

  it('ignores events that are not about content', () => {
    expect(reduceWork(undefined, ev('lesson.opened', { version: 1 }))).toBeNull();
  });
});

describe('data used this month', () => {
  it('adds up within a month and starts again in the next', () => {
    const nov = addBytes({ month: '2026-11', up: 10, down: 20 }, new Date('2026-11-30T23:00:00Z'), 1, 2);
    expect(nov).toEqual({ month: '2026-11', up: 11, down: 22 });
    expect(addBytes(nov, new Date('2026-12-01T00:00:00Z'), 5, 0)).toEqual({
      month: '2026-12',
      up: 5,
      down: 0,
    });
  });
});

describe('push batches', () => {
  const events = Array.from({ length: 10 }, (_, i) => ({ i, pad: 'x'.repeat(90) }));
  it('stops at the event limit', () => {
    expect(takeBatch(events, 3, 1e6).events).toHaveLength(3);
  });
  it('stops before the byte limit but always sends one event', () => {
    expect(takeBatch(events, 100, 250).events).toHaveLength(2);
    expect(takeBatch(events, 100, 10).events).toHaveLength(1);
    expect(takeBatch([], 100, 10).events).toHaveLength(0);
  });
  it('takes as many events as fit in the bytes, whether the whole head fits or not', () => {
    // The rule: 2 bytes of brackets, each event's UTF-8 JSON and a comma, at least one event.
    const fits = (xs: readonly unknown[], max: number, bytes: number) => {
      let n = 0;
      let used = 2;
      for (const x of xs.slice(0, max)) {
        used += new TextEncoder().encode(JSON.stringify(x)).length + 1;
        if (n > 0 && used > bytes) break;
        n++;
      }
      return n;
    };
    const whole = JSON.stringify(events).length;
    expect(takeBatch(events, 100, whole + 1).events).toHaveLength(10);
    expect(takeBatch(events, 100, whole).events).toHaveLength(fits(events, 100, whole));
    const event = fc.record({ i: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300 }), fc.nat(400), fc.nat(20_000), (xs, max, bytes) => {
        const batch = takeBatch(xs, max, bytes);
        return (
          batch.events.length === fits(xs, max, bytes) &&
          `[${batch.pieces.join(',')}]` === JSON.stringify(batch.events)
        );
      }),
      { numRuns: 300 },
    );
  });
  it("serialises the batch once, in pieces of 64 events, and its body is JSON.stringify's but for newlines", () => {
    const status = { appVersion: '1.0.0', note: 'مرحبا\n' };
    const many: unknown[] = Array.from({ length: 200 }, (_, i) => ({ i, text: 'ligne\nسطر' }));
    for (const [xs, max, bytes] of [
      [events, 3, 1e6],
      [events, 100, 250],
      [events, 100, 10],
      [events, 0, 1e6],
      [many, 200, 1e6],
      [many, 200, 5000],
    ] as const) {
      const batch = takeBatch(xs, max, bytes);
      expect(`[${batch.pieces.join(',')}]`).toBe(JSON.stringify(batch.events));
      expect(batch.pieces).toHaveLength(Math.ceil(batch.events.length / 64));
      const text = pushBody(batch, status).parts.join('');
      // The layout the server parses piece by piece (server/src/features/sync/push-json.ts): status
      // first, a raw newline before each piece and before the close, and none anywhere else.
      expect(text.replaceAll('\n', '')).toBe(JSON.stringify({ status, events: batch.events }));
      const layout = batch.pieces.map((p, i) => `${i === 0 ? '\n' : ',\n'}${p}`).join('');
      expect(text).toBe(`{"status":${JSON.stringify(status)},"events":[${layout}\n]}`);
    }
  });
});

describe('a push refused as too large', () => {
  it('is sent again with half as many events, down to one', () => {
    expect(smallerBatch({ status: 413 }, 2000)).toBe(1000);
    expect(smallerBatch({ status: 413 }, 3)).toBe(1);
    expect(smallerBatch({ status: 413 }, 1)).toBeNull();
    const older = { status: 400, details: { in: 'body', issues: [{ field: 'events', message: 'too big' }] } };
    expect(smallerBatch(older, 2000)).toBe(1000);
  });
  it('is not, when the refusal is about something else', () => {
    const badField = { status: 400, details: { issues: [{ field: 'events.3.id', message: 'invalid' }] } };
    expect(smallerBatch(badField, 2000)).toBeNull();
    expect(smallerBatch({ status: 400 }, 2000)).toBeNull();
    expect(smallerBatch({ status: 503 }, 2000)).toBeNull();
    expect(smallerBatch({ status: 426 }, 2000)).toBeNull();
  });
});

describe('utf8Length', () => {
  it('is the length TextEncoder gives, for any string (Arabic, Tifinagh, emoji, lone surrogates)', () => {
    const encoder = new TextEncoder();
    for (const s of ['', 'abc', 'مرحبا', 'ⵜⴰⵎⴰⵣⵉⵖⵜ', '😀', '\ud800x', 'x\udc00', '\ud83d'])
      expect(utf8Length(s)).toBe(encoder.encode(s).length);
    const long = 'مرحبا 😀 ⵜⴰⵎⴰⵣⵉⵖⵜ abc \ud800'.repeat(400);
    expect(utf8Length(long)).toBe(encoder.encode(long).length);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === encoder.encode(s).length),
      { numRuns: 2000 },
    );
  });
});
