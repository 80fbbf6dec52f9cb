import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awaitsGrading,
  canSubmit,
  deriveState,
  gradeVisibleToLearner,
  isLate,
  SUBMISSION_EDGES,
  type SubmissionMove,
  type SubmissionState,
  step,
  type TaskFacts,
} from './submission-state';

const T0 = Date.parse('2026-11-01T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const task: fc.Arbitrary<TaskFacts> = fc.record({
  dueAt: fc.option(fc.integer({ min: 0, max: 600 }).map(at), { nil: null }),
  closedAt: fc.constant(null),
  withdrawnAt: fc.constant(null),
});
const move: fc.Arbitrary<SubmissionMove> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((m) => ({ type: 'time' as const, now: at(m) })),
  fc.integer({ min: 0, max: 1000 }).map((m) => ({ type: 'submit' as const, at: at(m) })),
  fc.constant({ type: 'grade' as const }),
  fc.constant({ type: 'return' as const }),
);

/** Runs the moves from `assigned`, keeping the refused ones out, and reports every edge taken. */
function run(t: TaskFacts, moves: SubmissionMove[]) {
  let state: SubmissionState = 'assigned';
  const taken: { from: SubmissionState; to: SubmissionState; move: SubmissionMove }[] = [];
  for (const m of moves) {
    const r = step(state, m, t);
    if (!r.ok) continue;
    if (r.state !== state || m.type !== 'time') taken.push({ from: state, to: r.state, move: m });
    state = r.state;
  }
  return { state, taken };
}

describe('submission state machine', () => {
  it('moves only along the allowed edges', () => {
    fc.assert(
      fc.property(task, fc.array(move, { maxLength: 30 }), (t, moves) => {
        for (const e of run(t, moves).taken) expect(SUBMISSION_EDGES[e.from]).toContain(e.to);
      }),
    );
  });

  it('never turns work that waits for grading into missing', () => {
    fc.assert(
      fc.property(task, fc.array(move, { maxLength: 30 }), (t, moves) => {
        for (const e of run(t, moves).taken) if (awaitsGrading(e.from)) expect(e.to).not.toBe('missing');
        for (const s of ['submitted', 'late', 'graded', 'returned'] as const)
          expect(step(s, { type: 'time', now: at(100_000) }, t)).toEqual({ ok: true, state: s });
      }),
    );
  });

  it('marks a submission late exactly when it was sent after the due date', () => {
    fc.assert(
      fc.property(task, fc.array(move, { maxLength: 30 }), (t, moves) => {
        for (const e of run(t, moves).taken)
          if (e.move.type === 'submit') {
            const late = t.dueAt !== null && Date.parse(e.move.at) > Date.parse(t.dueAt);
            expect(e.to).toBe(late ? 'late' : 'submitted');
            expect(isLate(e.move.at, t.dueAt)).toBe(late);
          }
      }),
    );
  });

  it('shows a grade to the learner only once it is returned', () => {
    fc.assert(
      fc.property(task, fc.array(move, { maxLength: 30 }), (t, moves) => {
        let returned = false;
        let state: SubmissionState = 'assigned';
        for (const m of moves) {
          const r = step(state, m, t);
          if (!r.ok) continue;
          state = r.state;
          if (m.type === 'return') returned = true;
          if (m.type === 'submit') returned = false;
          expect(gradeVisibleToLearner(state)).toBe(returned && state === 'returned');
        }
      }),
    );
  });

  it('refuses every submission to a closed or withdrawn task, from any state', () => {
    const states = fc.constantFrom<SubmissionState>(
      'assigned',
      'missing',
      'submitted',
      'late',
      'graded',
      'returned',
    );
    fc.assert(
      fc.property(states, task, fc.integer({ min: 0, max: 1000 }), fc.boolean(), (s, t, m, withdrawn) => {
        const closed = withdrawn ? { ...t, withdrawnAt: at(0) } : { ...t, closedAt: at(0) };
        expect(canSubmit(s, closed, at(m))).toEqual({
          ok: false,
          reason: withdrawn ? 'withdrawn' : 'closed',
        });
      }),
    );
  });

  it('lets a learner submit again only after the work is returned, once graded', () => {
    const t: TaskFacts = { dueAt: at(60), closedAt: null, withdrawnAt: null };
    expect(canSubmit('graded', t, at(10))).toEqual({ ok: false, reason: 'being_graded' });
    expect(canSubmit('returned', t, at(10))).toEqual({ ok: true, state: 'submitted' });
    expect(canSubmit('returned', t, at(90))).toEqual({ ok: true, state: 'late' });
  });

  it('derives the shown state from what is stored, never missing once something was sent', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 600 }).map(at), { nil: null }),
        fc.integer({ min: 0, max: 2000 }),
        fc.option(
          fc.record({
            submittedAt: fc.integer({ min: 0, max: 1000 }).map(at),
            late: fc.boolean(),
            gradedAt: fc.option(fc.constant(at(1500)), { nil: null }),
            returnedAt: fc.option(fc.constant(at(1600)), { nil: null }),
          }),
          { nil: null },
        ),
        (dueAt, now, latest) => {
          const s = deriveState(latest, dueAt, at(now));
          if (latest) expect(s).not.toBe('missing');
          else
            expect(s).toBe(dueAt !== null && now * 60_000 + T0 > Date.parse(dueAt) ? 'missing' : 'assigned');
        },
      ),
    );
  });
});
