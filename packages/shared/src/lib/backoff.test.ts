import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from './backoff';

describe('backoff with jitter', () => {
  it('grows exponentially up to the cap, jittered below the ceiling', () => {
    const max = () => 0.999999;
    expect(backoffMs(1, { random: max })).toBeLessThanOrEqual(1000);
    expect(backoffMs(4, { random: max })).toBeGreaterThan(7000);
    expect(backoffMs(4, { random: max })).toBeLessThanOrEqual(8000);
    expect(backoffMs(50, { random: max, capMs: 60_000 })).toBeLessThanOrEqual(60_000);
  });

  it('spreads clients out: different random draws give different waits', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs(6)));
    expect(waits.size).toBeGreaterThan(10);
  });

  it('never retries sooner than the server’s Retry-After', () => {
    for (let i = 0; i < 100; i++)
      expect(backoffMs(3, { retryAfterMs: 30_000 })).toBeGreaterThanOrEqual(30_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('12')).toBe(12_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
