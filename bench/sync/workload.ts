import type { SyncEvent } from '@lawh/shared';
import type { LibraryItem, TabletSetup } from './protocol';

// The seeded workload: what learners do on a tablet, as the tablet's outbox records it. Same seed,
// same events, for both systems. Payloads follow eventPayloads in packages/shared/src/schemas/sync.ts
// and refer to the real quiz items of the bench library, so the server accepts them.

export type Rand = () => number;

/** mulberry32: small, fast, good enough to pick learners and answers. */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r: Rand, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += ((r() * 16) | 0).toString(16);
  return s;
};

/**
 * A UUIDv7 as the tablet makes them: 48 bits of milliseconds, then random bits from the seed. Built
 * with join, which makes a flat string, as a tablet's ids are once read back from IndexedDB: a
 * concatenated one would be a rope that every JSON.stringify of the event flattens first.
 */
export function uuidv7(r: Rand, ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  const variant = '89ab'[(r() * 4) | 0];
  return [t.slice(0, 8), t.slice(8, 12), `7${hex(r, 3)}`, variant + hex(r, 3), hex(r, 12)].join('-');
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[(r() * xs.length) | 0] as T;

type Answer = { answer: Record<string, unknown>; correct: boolean };
// The bench library's quiz (lawh-server.ts): right and wrong answers for each of its five items.
const QUIZ_ITEMS: Array<{ id: string; right: Answer['answer']; wrong: Array<Answer['answer']> }> = [
  {
    id: 'q1',
    right: { type: 'singleChoice', optionId: 'a' },
    wrong: [
      { type: 'singleChoice', optionId: 'b' },
      { type: 'singleChoice', optionId: 'c' },
    ],
  },
  {
    id: 'q2',
    right: { type: 'multipleChoice', optionIds: ['a', 'c'] },
    wrong: [
      { type: 'multipleChoice', optionIds: ['a'] },
      { type: 'multipleChoice', optionIds: ['a', 'b'] },
    ],
  },
  { id: 'q3', right: { type: 'trueFalse', value: true }, wrong: [{ type: 'trueFalse', value: false }] },
  {
    id: 'q4',
    right: { type: 'numeric', text: '0,5' },
    wrong: [
      { type: 'numeric', text: '0,25' },
      { type: 'numeric', text: '2/4' },
    ],
  },
  {
    id: 'q5',
    right: { type: 'shortText', text: 'dénominateur' },
    wrong: [
      { type: 'shortText', text: 'numérateur' },
      { type: 'shortText', text: 'le bas' },
    ],
  },
];

/** Where a tablet's outbox stands: the next deviceSeq and the tablet's clock. */
export interface TabletState {
  setup: TabletSetup;
  nextSeq: number;
  clock: number;
  rand: Rand;
}

export function tabletState(setup: TabletSetup, index: number, seed: number): TabletState {
  // School days of November 2026, a tablet's day starting at 08:00 UTC.
  return {
    setup,
    nextSeq: 1,
    clock: Date.UTC(2026, 10, 2, 8) + index * 7_000,
    rand: rng(seed * 1000 + index),
  };
}

/**
 * The next `n` events of a tablet: lesson sessions (opened, completed) and quiz sessions (five
 * answers, sometimes a second attempt, then completed), by learners the tablet speaks for.
 */
export function nextEvents(s: TabletState, library: readonly LibraryItem[], n: number): SyncEvent[] {
  const out: SyncEvent[] = [];
  const lessons = library.filter((c) => c.kind === 'lesson');
  const quizzes = library.filter((c) => c.kind === 'quiz');
  const r = s.rand;
  const push = (actorId: string, kind: string, payload: Record<string, unknown>) => {
    s.clock += 2_000 + ((r() * 60_000) | 0);
    out.push({
      id: uuidv7(r, s.clock),
      deviceId: s.setup.deviceId,
      deviceSeq: s.nextSeq++,
      actorId,
      kind,
      v: 1,
      clientTs: new Date(s.clock).toISOString(),
      payload,
    });
  };
  while (out.length < n) {
    const actor = pick(r, s.setup.actors);
    if (r() < 0.3) {
      const c = pick(r, lessons);
      const ref = { contentId: c.id, version: c.version };
      push(actor, 'lesson.opened', ref);
      push(actor, 'lesson.completed', { ...ref, durationMs: 60_000 + ((r() * 600_000) | 0) });
    } else {
      const c = pick(r, quizzes);
      const ref = { contentId: c.id, version: c.version };
      let correct = 0;
      for (const item of QUIZ_ITEMS) {
        const attempts = r() < 0.2 ? 2 : 1;
        for (let attempt = 1; attempt <= attempts; attempt++) {
          const right = attempt === attempts && r() < 0.7;
          if (right) correct++;
          push(actor, 'quiz.answered', {
            ...ref,
            itemId: item.id,
            answer: right ? item.right : pick(r, item.wrong),
            correct: right,
            score: right ? 1 : 0,
            attempt,
            hintsUsed: r() < 0.15 ? 1 : 0,
          });
        }
      }
      push(actor, 'quiz.completed', {
        ...ref,
        score: correct / QUIZ_ITEMS.length,
        correct,
        answered: QUIZ_ITEMS.length,
        mastered: correct >= 4,
      });
    }
  }
  // A session may overshoot: keep exactly n, and let the next call carry on from the last kept one.
  if (out.length > n) {
    s.nextSeq -= out.length - n;
    out.length = n;
    s.clock = Date.parse(out[n - 1]!.clientTs);
  }
  return out;
}
