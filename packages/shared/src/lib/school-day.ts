// The school's clock and calendar day, and the link of a live session. Zod-free and DOM-free, so the
// server, the web app and the tablet agree on which day "today" is.

/** Moroccan schools keep one clock: UTC+1, UTC+0 during Ramadan (the tz database follows it). */
export const SCHOOL_TIME_ZONE = 'Africa/Casablanca';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const wallFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SCHOOL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** The school's UTC offset in minutes at an instant, as this runtime's tz database has it. */
export function zoneOffsetMinutes(ms: number): number {
  const parts = wallFormat.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(ms / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/**
 * The school's UTC offsets over a window, as the server's tz database gives them (GET
 * /api/v1/school-clock). Browsers carry their own tz data and it can be wrong: Chromium 156 puts
 * Casablanca on UTC+0 from late 2026, where Node and Debian say UTC+1. A page that used it would
 * show times an hour off and disagree with the server about the day between 23:00 and 24:00 UTC.
 */
export interface SchoolClock {
  zone: string;
  /** From each `from` (ISO instant) on, the school's time is UTC + `minutes`; first = window start. */
  offsets: Array<{ from: string; minutes: number }>;
  /** The end of the window (ISO instant); outside it the runtime's own tz data answers. */
  until: string;
}

/** The offsets in [from, until), each change found to the minute. */
export function schoolClockFor(from: Date, until: Date): SchoolClock {
  const start = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS;
  const end = until.getTime();
  let minutes = zoneOffsetMinutes(start);
  const offsets = [{ from: new Date(start).toISOString(), minutes }];
  // Morocco changes its clock at most twice a year, never twice within a day: probe daily, then
  // bisect the day in which the offset changed.
  for (let day = start; day < end; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, end);
    if (zoneOffsetMinutes(next) === minutes) continue;
    let lo = day;
    let hi = next;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zoneOffsetMinutes(mid) === minutes) lo = mid;
      else hi = mid;
    }
    minutes = zoneOffsetMinutes(hi);
    offsets.push({ from: new Date(hi).toISOString(), minutes });
  }
  return { zone: SCHOOL_TIME_ZONE, offsets, until: new Date(end).toISOString() };
}

let installed: { from: number[]; minutes: number[]; until: number } | null = null;

/** Makes this runtime read the school's clock from the server's offsets (null: its own tz data). */
export function installSchoolClock(clock: SchoolClock | null): void {
  installed =
    clock && clock.zone === SCHOOL_TIME_ZONE && clock.offsets.length > 0
      ? {
          from: clock.offsets.map((o) => Date.parse(o.from)),
          minutes: clock.offsets.map((o) => o.minutes),
          until: Date.parse(clock.until),
        }
      : null;
}

/** The school's UTC offset in minutes at an instant: the installed offsets, else the tz database. */
export function schoolOffsetMinutes(ms: number): number {
  if (installed && ms >= (installed.from[0] as number) && ms < installed.until) {
    let i = installed.from.length - 1;
    while ((installed.from[i] as number) > ms) i--;
    return installed.minutes[i] as number;
  }
  return zoneOffsetMinutes(ms);
}

/** The school's wall clock at an instant, as a Date whose UTC fields read it (format with timeZone 'UTC'). */
export function schoolWallClock(at: Date | string = new Date()): Date {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + schoolOffsetMinutes(ms) * MINUTE_MS);
}

/**
 * The instant at which the school's wall clock reads `local` (YYYY-MM-DDTHH:MM, as a date-time
 * picker gives it): a teacher types the school's time, whatever the device's zone. In the hour a
 * clock change repeats, the later reading.
 */
export function schoolInstant(local: string): Date {
  const wall = Date.parse(`${local}Z`);
  const guess = wall - schoolOffsetMinutes(wall) * MINUTE_MS;
  return new Date(wall - schoolOffsetMinutes(guess) * MINUTE_MS);
}

/** The school's calendar day (YYYY-MM-DD) at this instant: 23:30 UTC on 6 June is 7 June in Casablanca. */
export function schoolDate(at: Date | string = new Date()): string {
  return schoolWallClock(at).toISOString().slice(0, 10);
}

/** The first and last day (YYYY-MM-DD) of a month given as YYYY-MM. */
export function monthDays(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/** The placeholder a school's meeting-service setting may hold; replaced by the live session's id. */
export const MEETING_PLACEHOLDER = '{sessionId}';

/**
 * The link of a live session from the school's setting: a template with `{sessionId}`
 * (`https://meet.example.org/lawh-{sessionId}`) or a base URL, to which `lawh-<id>` is added as the
 * last path segment (`https://meet.jit.si` → `https://meet.jit.si/lawh-<id>`). One room per session,
 * so a link never lets a class into another class's meeting.
 */
export function meetingLink(setting: string, sessionId: string): string {
  if (setting.includes(MEETING_PLACEHOLDER))
    return setting.replaceAll(MEETING_PLACEHOLDER, encodeURIComponent(sessionId));
  const url = new URL(setting);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/lawh-${encodeURIComponent(sessionId)}`;
  return url.toString();
}

/** Why a meeting link or setting is refused, or null: https only, no credentials, no other placeholder. */
export function meetingUrlProblem(value: string, { template = false } = {}): string | null {
  const probe = template ? value.replaceAll(MEETING_PLACEHOLDER, 'x') : value;
  if (/[{}]/.test(probe))
    return template ? `the only placeholder is ${MEETING_PLACEHOLDER}` : 'must not contain { or }';
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return 'must be a full address starting with https://';
  }
  if (url.protocol !== 'https:') return 'must start with https://';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return 'must name a real host';
  return null;
}
