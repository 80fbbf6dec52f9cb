import { describe, expect, it } from 'vitest';
import { afterFailure, COOL_DOWN_MS, FREE_TRIES, freshGuard, waitLeft } from './sign-in-guard';

describe('wrong sign-in tries', () => {
  it('lets a child slip twice, then makes them wait, longer each round', () => {
    let g = freshGuard;
    const t0 = 1_000_000;
    for (let i = 1; i < FREE_TRIES; i++) {
      g = afterFailure(g, t0);
      expect(waitLeft(g, t0)).toBe(0);
    }
    g = afterFailure(g, t0);
    expect(waitLeft(g, t0)).toBe(COOL_DOWN_MS);
    expect(waitLeft(g, t0 + COOL_DOWN_MS)).toBe(0);

    const t1 = t0 + COOL_DOWN_MS;
    for (let i = 0; i < FREE_TRIES; i++) g = afterFailure(g, t1);
    expect(waitLeft(g, t1)).toBe(2 * COOL_DOWN_MS);
  });

  it('never makes anyone wait more than five minutes', () => {
    let g = freshGuard;
    for (let i = 0; i < 100; i++) g = afterFailure(g, 0);
    expect(waitLeft(g, 0)).toBe(5 * 60_000);
  });
});
