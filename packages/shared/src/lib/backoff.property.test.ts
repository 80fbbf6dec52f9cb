import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff';

// The promises tablets rely on when 200 of them fail at once, for every attempt and random draw.

const attempt = fc.integer({ min: 1, max: 60 });
const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const opts = fc.record({
  baseMs: fc.integer({ min: 100, max: 5000 }),
  capMs: fc.integer({ min: 5000, max: 600_000 }),
});

describe('backoffMs (properties)', () => {
  it('stays between half the base and the cap without Retry-After', () => {
    fc.assert(
      fc.property(attempt, draw, opts, (a, r, o) => {
        const w = backoffMs(a, { ...o, random: () => r });
        expect(w).toBeGreaterThanOrEqual(o.baseMs / 2);
        expect(w).toBeLessThanOrEqual(o.capMs);
      }),
    );
  });

  it('never waits less than Retry-After, nor more than Retry-After plus half the cap', () => {
    fc.assert(
      fc.property(attempt, draw, opts, fc.integer({ min: 0, max: 120_000 }), (a, r, o, after) => {
        const w = backoffMs(a, { ...o, retryAfterMs: after, random: () => r });
        expect(w).toBeGreaterThanOrEqual(after);
        expect(w).toBeLessThanOrEqual(after + o.capMs / 2 + 1);
      }),
    );
  });

  it('for the same draw, a later attempt never waits less (the ceiling only grows)', () => {
    fc.assert(
      fc.property(attempt, draw, opts, (a, r, o) => {
        expect(backoffMs(a + 1, { ...o, random: () => r })).toBeGreaterThanOrEqual(
          backoffMs(a, { ...o, random: () => r }),
        );
      }),
    );
  });
});
