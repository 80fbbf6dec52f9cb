// The school's calendar day and month, and the link of a live session. Zod-free and DOM-free, so the
// server, the web app and the tablet agree on which day "today" is.

/** Moroccan schools keep one clock: UTC+1, UTC+0 during Ramadan (the tz database follows it). */
export const SCHOOL_TIME_ZONE = 'Africa/Casablanca';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The school's calendar day (YYYY-MM-DD) at this instant: 23:30 UTC on 6 June is 7 June in Casablanca. */
export function schoolDate(at: Date | string = new Date()): string {
  const parts = dayFormat.formatToParts(typeof at === 'string' ? new Date(at) : at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
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
