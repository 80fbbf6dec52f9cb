import { installSchoolClock, type SchoolClock } from '@lawh/shared/lib/school-day';
import { api } from './api';

// The school's clock comes from the server (see SchoolClock): a page reads dates and times with the
// server's tz data, so it agrees with the server about which day it is, even when the browser's own
// data is wrong. Kept in localStorage for the next start, offline included.

const STORAGE_KEY = 'lawh.schoolClock';
/** A first start waits this long for the server's offsets, then goes on with the browser's. */
const FIRST_WAIT_MS = 2000;

function saved(): SchoolClock | null {
  try {
    const c = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SchoolClock | null;
    return c && Array.isArray(c.offsets) && typeof c.until === 'string' ? c : null;
  } catch {
    return null;
  }
}

/**
 * Installs the saved offsets at once and asks the server for fresh ones. Resolves when the page
 * can render: at once if the saved offsets cover today, else when the server answers (or soon).
 */
export function startSchoolClock(): Promise<void> {
  const kept = saved();
  installSchoolClock(kept);
  const fresh = api
    .get<SchoolClock>('/api/v1/school-clock')
    .then((c) => {
      installSchoolClock(c);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
    })
    .catch(() => undefined); // offline: the saved offsets, or the browser's tz data, answer
  const now = Date.now();
  const covered = kept?.offsets[0] && Date.parse(kept.offsets[0].from) <= now && now < Date.parse(kept.until);
  return covered
    ? Promise.resolve()
    : Promise.race([fresh, new Promise<void>((r) => setTimeout(r, FIRST_WAIT_MS))]);
}
