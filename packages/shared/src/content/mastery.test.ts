import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MasteryRule } from '../schemas/content';
import { evaluateMastery } from './grading';

/** The rules written as plainly as possible, to check the single-pass implementation against. */
function reference(rule: MasteryRule, results: boolean[]): boolean {
  switch (rule.rule) {
    case 'allCorrect':
      return results.length > 0 && !results.includes(false);
    case 'mOfN':
      return results.some(
        (_, i) => results.slice(Math.max(0, i - rule.n + 1), i + 1).filter(Boolean).length >= rule.m,
      );
    case 'kInARow':
      return results
        .map((r) => (r ? '1' : '0'))
        .join('')
        .includes('1'.repeat(rule.k));
  }
}

const rule: fc.Arbitrary<MasteryRule> = fc.oneof(
  fc.constant({ rule: 'allCorrect' as const }),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }))
    .map(([m, extra]) => ({ rule: 'mOfN' as const, m, n: m + extra })),
  fc.integer({ min: 1, max: 12 }).map((k) => ({ rule: 'kInARow' as const, k })),
);
// Mostly-right learners, so that mastery is reached often enough to test both outcomes.
const results = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)), {
  maxLength: 40,
});

describe('evaluateMastery', () => {
  it('agrees with a plain reference implementation on random answer sequences', () => {
    fc.assert(
      fc.property(rule, results, (r, rs) => {
        expect(evaluateMastery(r, rs)).toBe(reference(r, rs));
      }),
      { numRuns: 2000 },
    );
  });

  it('m of n and k in a row, once shown, survive later mistakes', () => {
    fc.assert(
      fc.property(rule, results, results, (r, before, after) => {
        fc.pre(r.rule !== 'allCorrect' && evaluateMastery(r, before));
        expect(evaluateMastery(r, [...before, false, ...after])).toBe(true);
      }),
    );
  });

  it.each<[MasteryRule, boolean[], boolean]>([
    [{ rule: 'allCorrect' }, [], false],
    [{ rule: 'allCorrect' }, [true, true, true], true],
    [{ rule: 'allCorrect' }, [true, false, true], false],
    [{ rule: 'kInARow', k: 3 }, [true, true, false, true, true], false],
    [{ rule: 'kInARow', k: 3 }, [true, true, false, true, true, true], true],
    [{ rule: 'mOfN', m: 3, n: 5 }, [true, false, false, false, true, false, true], false],
    [{ rule: 'mOfN', m: 3, n: 5 }, [false, true, false, true, true], true],
    [{ rule: 'mOfN', m: 2, n: 5 }, [true, true], true],
  ])('%j on %j → %s', (r, rs, expected) => {
    expect(evaluateMastery(r, rs)).toBe(expected);
  });
});
