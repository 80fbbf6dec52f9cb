// Quiet hours: when a tablet must not raise a system notification (issue 5). Zod-free so the
// tablet can import it without the schemas.

import { schoolWallClock } from './school-day';

export interface QuietHours {
  /** 'HH:MM', 24-hour clock, in the school's time zone. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00' };
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (hhmm: string): number | null =>
  HHMM.test(hhmm) ? Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) : null;

/**
 * Is `now` inside the quiet hours? The interval is [start, end): start is quiet, end is not. A start
 * after the end spans midnight (21:00–07:00); equal start and end means no quiet hours. Malformed
 * values fall back to the default rather than letting a bad setting wake a child at night.
 */
export function isQuietTime(now: Date, quietHours: QuietHours | null | undefined): boolean {
  const start = minutesOf(quietHours?.start ?? '') ?? (minutesOf(DEFAULT_QUIET_HOURS.start) as number);
  const end = minutesOf(quietHours?.end ?? '') ?? (minutesOf(DEFAULT_QUIET_HOURS.end) as number);
  if (start === end) return false;
  const wall = schoolWallClock(now);
  const t = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return start < end ? t >= start && t < end : t >= start || t < end;
}
