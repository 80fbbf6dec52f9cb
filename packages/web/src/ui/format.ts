import { schoolWallClock } from '@lawh/shared/lib/school-day';
import { useMemo } from 'preact/hooks';
import { useApp } from '../app/context';

/**
 * The one place numbers, grades and dates are formatted (components in `formatted.tsx`).
 *
 * Decisions, checked in Node 20 and Chromium:
 * - Morocco writes Western Arabic (Latin) digits, so Arabic uses `ar-MA` and French `fr-MA`
 *   (`intlLocale` in i18n): 1.234,5 · 07/03/2026 in both, never ١٢٣٤.
 * - Times are the school's: Africa/Casablanca (UTC+1, UTC+0 in Ramadan), not the device's zone,
 *   and read from the server's offsets (`schoolWallClock`), not the browser's tz data, which can be
 *   wrong: the wall clock is formatted as if it were UTC.
 * - A number, grade or date is left-to-right inside Arabic text. In the DOM it goes in
 *   `<bdi dir="ltr">` (see formatted.tsx); in plain text (a copied message, an aria-label, a
 *   translated sentence) it is wrapped in LRI … PDI with `ltr()`. Unisolated, Arabic text around
 *   "10/5" reorders its runs and other systems have shown it as "510" or "5/10".
 */

// Intl puts right-to-left marks around the separators of Arabic dates (07‏/03‏/2024) and left-to-right
// marks around "%"; inside a run kept left-to-right they would scramble the order, so they are dropped.
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** Left-to-right isolate (U+2066 … U+2069): keeps "10/5" or "07/03/2026" in order inside Arabic text. */
export const ltr = (s: string | number) => `\u2066${s}\u2069`;
/** Removes isolates and marks, e.g. to compare a copied message with the expected words. */
export const stripBidi = (s: string) => s.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '');

export interface Formatters {
  /** 1234.5 → "1.234,5" (fr-MA, ar-MA) or "1,234.5" (en). */
  num: (n: number) => string;
  /** A share 0..1 → "40 %" ("40%" in Arabic); rounded to a whole percent. */
  percent: (share: number) => string;
  /** A grade on its scale: (10, 20) → "10/20", (7.5, 10) → "7,5/10". Plain; isolate it (Grade, ltr()). */
  grade: (points: number, max: number) => string;
  /** A grade wrapped in an isolate, safe in any sentence or plain text message. */
  gradeText: (points: number, max: number) => string;
  /** "3 of 5" as figures: (3, 5) → "3/5". */
  fraction: (part: number, whole: number) => string;
  /** 07/03/2026 in ar and fr, "Mar 7, 2026" in en — the school's calendar day. */
  date: (iso: string) => string;
  /** Date and time in the school's zone. */
  dateTime: (iso: string) => string;
  /** 10:00 (24 h in ar, fr, zgh). */
  time: (iso: string) => string;
}

export function formatters(intl: string): Formatters {
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  const percents = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 });
  const dateTimes = new Intl.DateTimeFormat(intl, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const dates = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
  const times = new Intl.DateTimeFormat(intl, { timeStyle: 'short', timeZone: 'UTC' });
  const num = (n: number) => numbers.format(n).replace(BIDI_MARKS, '');
  const grade = (points: number, max: number) => `${num(points)}/${num(max)}`;
  return {
    num,
    percent: (share) => percents.format(share).replace(BIDI_MARKS, ''),
    grade,
    gradeText: (points, max) => ltr(grade(points, max)),
    fraction: (part, whole) => `${num(part)}/${num(whole)}`,
    date: (iso) => dates.format(schoolWallClock(iso)).replace(BIDI_MARKS, ''),
    dateTime: (iso) => dateTimes.format(schoolWallClock(iso)).replace(BIDI_MARKS, ''),
    time: (iso) => times.format(schoolWallClock(iso)).replace(BIDI_MARKS, ''),
  };
}

/** Formatters for the interface's locale. */
export function useFormat(): Formatters {
  const { intl } = useApp();
  return useMemo(() => formatters(intl), [intl]);
}
