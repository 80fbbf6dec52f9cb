import { installSchoolClock, type SchoolClock } from '@lawh/shared/lib/school-day';
import { api } from './api';

// The school's clock comes from the server (see SchoolClock): a page reads dates and times with the
// server's tz data, so it agrees with the server about which day it is, even when the browser's own
// data is wrong. Kept in localStorage for the next start, offline included.

const STORAGE_KEY = 'lawh.schoolClock';
/** A first start waits this long for the server's offsets, then goes on with the browser's. */
const FIRST_WAIT_MS = 2000;
/** Offsets change only when a country changes its rules: asked for again once a day. */
const REFRESH_MS = 86_400_000;
/** A refresh waits for the start-up to be over, so it never competes with the first screens. */
const REFRESH_AFTER_MS = 5000;

interface Saved {
  clock: SchoolClock;
  /** When it was fetched (ms since the epoch). */
  at: number;
}

function saved(): Saved | null {
  try {
    const s = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    return s &&
      typeof s.at === 'number' &&
      Array.isArray(s.clock?.offsets) &&
      typeof s.clock.until === 'string'
      ? s
      : null;
  } catch {
    return null;
  }
}

function fetchClock(): Promise<void> {
  return api
    .get<SchoolClock>('/api/v1/school-clock')
    .then((clock) => {
      installSchoolClock(clock);
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ clock, at: Date.now() } satisfies Saved));
    })
    .catch(() => undefined); // offline: the saved offsets, or the browser's tz data, answer
}

/**
 * Installs the saved offsets at once. Resolves when the page can render: at once if they cover
 * today (refreshed in the background if a day old), else when the server answers (or soon).
 */
export function startSchoolClock(): Promise<void> {
  const kept = saved();
  installSchoolClock(kept?.clock ?? null);
  const now = Date.now();
  const first = kept?.clock.offsets[0];
  if (kept && first && Date.parse(first.from) <= now && now < Date.parse(kept.clock.until)) {
    if (Math.abs(now - kept.at) > REFRESH_MS) setTimeout(() => void fetchClock(), REFRESH_AFTER_MS);
    return Promise.resolve();
  }
  return Promise.race([fetchClock(), new Promise<void>((r) => setTimeout(r, FIRST_WAIT_MS))]);
}
