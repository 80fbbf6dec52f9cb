import { describe, expect, it } from 'vitest';
import { IDLE_SIGN_OUT_MS, isIdle } from './idle';

describe('signing out a tablet left alone', () => {
  it('signs out after the idle time, not before, and never while a video plays', () => {
    expect(isIdle(0, IDLE_SIGN_OUT_MS - 1, false)).toBe(false);
    expect(isIdle(0, IDLE_SIGN_OUT_MS, false)).toBe(true);
    expect(isIdle(0, 10 * IDLE_SIGN_OUT_MS, true)).toBe(false);
  });
});
