import { describe, expect, it } from 'vitest';
import { isQuietTime } from './quiet-hours';

// Casablanca is UTC+1 in November 2026 (and UTC+0 during Ramadan, when Morocco turns its clocks back).
const at = (utc: string) => new Date(utc);
const DEFAULT = { start: '21:00', end: '07:00' };

describe('isQuietTime', () => {
  it('is quiet from 21:00 to 07:00 Casablanca time, across midnight, start included and end excluded', () => {
    expect(isQuietTime(at('2026-11-27T19:59:00Z'), DEFAULT)).toBe(false); // 20:59
    expect(isQuietTime(at('2026-11-27T20:00:00Z'), DEFAULT)).toBe(true); // 21:00
    expect(isQuietTime(at('2026-11-27T22:59:00Z'), DEFAULT)).toBe(true); // 23:59
    expect(isQuietTime(at('2026-11-27T23:00:00Z'), DEFAULT)).toBe(true); // 00:00 the next day
    expect(isQuietTime(at('2026-11-28T05:59:00Z'), DEFAULT)).toBe(true); // 06:59
    expect(isQuietTime(at('2026-11-28T06:00:00Z'), DEFAULT)).toBe(false); // 07:00
    expect(isQuietTime(at('2026-11-28T11:00:00Z'), DEFAULT)).toBe(false); // noon
  });

  it('reads the wall clock of the school, not UTC (Ramadan: Casablanca on UTC+0)', () => {
    expect(isQuietTime(at('2026-11-27T20:30:00Z'), DEFAULT)).toBe(true); // 21:30 in November
    expect(isQuietTime(at('2026-03-01T20:30:00Z'), DEFAULT)).toBe(false); // 20:30 during Ramadan
  });

  it('a window within one day, no window, and a bad setting', () => {
    const siesta = { start: '13:00', end: '15:00' };
    expect(isQuietTime(at('2026-11-27T12:30:00Z'), siesta)).toBe(true); // 13:30
    expect(isQuietTime(at('2026-11-27T14:00:00Z'), siesta)).toBe(false); // 15:00
    expect(isQuietTime(at('2026-11-27T23:00:00Z'), siesta)).toBe(false); // midnight
    expect(isQuietTime(at('2026-11-27T23:00:00Z'), { start: '07:00', end: '07:00' })).toBe(false);
    // A malformed or missing setting falls back to 21:00–07:00 rather than waking a child at night.
    expect(isQuietTime(at('2026-11-27T23:00:00Z'), { start: '25:00', end: 'x' })).toBe(true);
    expect(isQuietTime(at('2026-11-27T23:00:00Z'), undefined)).toBe(true);
  });
});
