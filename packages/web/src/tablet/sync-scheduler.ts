import { backoffMs } from '@lawh/shared/lib/backoff';
import { localDb, onLocalChange } from './local-db';
import { type SyncOutcome, type SyncProgress, syncOnce } from './sync-engine';
import { bearer } from './sync-http';

// When to sync: at start, on `online`, every two minutes while online, on demand, soon after new
// learner work, and when the server's live stream pokes. Errors back off with jitter; a revoked or
// too-old tablet stops until someone presses "Sync now". Runs in the sync worker (or on the page).

export type ToSync = { type: 'sync'; reason: 'manual' | 'start' };
export type FromSync =
  | { type: 'running' }
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'outcome'; outcome: SyncOutcome; at: string };

const PERIOD_MS = 2 * 60_000;
const OUTBOX_DEBOUNCE_MS = 1500;
type Reason = 'manual' | 'start' | 'timer' | 'online' | 'outbox' | 'poke';

export function createScheduler(post: (m: FromSync) => void) {
  let running = false;
  let again = false;
  let attempt = 0;
  let blocked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let outboxTimer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run('timer'), ms);
  };
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> =>
    // Two open tabs must not sync at once: the Web Lock queues the second.
    typeof navigator !== 'undefined' && navigator.locks
      ? (navigator.locks.request('lawh-sync', fn) as Promise<T>)
      : fn();

  async function run(reason: Reason): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    if (blocked && reason !== 'manual' && reason !== 'start') return;
    running = true;
    post({ type: 'running' });
    let outcome: SyncOutcome;
    try {
      do {
        again = false;
        outcome = await exclusive(() =>
          syncOnce({
            media: true,
            manual: reason === 'manual',
            onProgress: (progress) => post({ type: 'progress', progress }),
          }),
        );
      } while (again);
    } finally {
      running = false;
    }
    post({ type: 'outcome', outcome, at: new Date().toISOString() });
    switch (outcome.kind) {
      case 'ok':
        blocked = false;
        // Rows are in; an interrupted media download resumes soon, with Range.
        if (outcome.media === 'interrupted') schedule(backoffMs(++attempt, { capMs: 60_000 }));
        else {
          attempt = 0;
          schedule(PERIOD_MS);
        }
        live.start();
        break;
      case 'offline':
        attempt += 1;
        schedule(Math.min(backoffMs(attempt), 60_000));
        break;
      case 'retry':
        attempt += 1;
        schedule(backoffMs(attempt, { retryAfterMs: outcome.retryAfterMs }));
        break;
      case 'blocked':
        blocked = true;
        clearTimeout(timer);
        live.stop();
        break;
      case 'not_enrolled':
        clearTimeout(timer);
        break;
    }
  }

  const live = liveStream(() => void run('poke'));
  globalThis.addEventListener('online', () => {
    live.reconnectNow();
    void run('online');
  });
  globalThis.addEventListener('offline', () => live.abort());
  onLocalChange((what) => {
    if (what !== 'outbox') return;
    clearTimeout(outboxTimer);
    outboxTimer = setTimeout(() => void run('outbox'), OUTBOX_DEBOUNCE_MS);
  });
  return { run };
}

/**
 * Splits Server-Sent Events text into the names of the complete events in it (`message` when a
 * block has data but no name; comments and `retry:` lines are not events) and the unfinished rest.
 */
export function sseEvents(text: string): { events: string[]; rest: string } {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    const name = lines
      .find((l) => l.startsWith('event:'))
      ?.slice(6)
      .trim();
    if (name) events.push(name);
    else if (lines.some((l) => l.startsWith('data:'))) events.push('message');
  }
  return { events, rest };
}

/**
 * The server's live stream (SSE over fetch: EventSource cannot send a bearer header). Each
 * `event: poke` asks for a pull. Reconnects with backoff; one stream at a time.
 */
function liveStream(onPoke: () => void) {
  let active = false;
  let ctrl: AbortController | null = null;
  let attempt = 0;
  // The wait between reconnections ends early when the network comes back ('online'): failures
  // while offline have grown the backoff, and a poke missed then (work returned) would wait minutes.
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  async function loop() {
    attempt = 0;
    while (active) {
      const device = await localDb.device();
      if (!device) break;
      if (!navigator.onLine) {
        await sleep(5000);
        continue;
      }
      ctrl = new AbortController();
      try {
        const res = await fetch('/api/sync/v1/live', {
          headers: { ...bearer(device.token), accept: 'text/event-stream' },
          signal: ctrl.signal,
          cache: 'no-store',
        });
        if (res.status === 401 || res.status === 426) {
          onPoke(); // the sync run finds out why and stops
          break;
        }
        if (res.ok && res.body) {
          attempt = 0;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          let listening = false;
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            const parsed = sseEvents(buf + value);
            buf = parsed.rest;
            // The server listens from its first bytes on; a change made between the last pull and
            // then (work returned by a teacher) poked nobody: one pull catches it up.
            if (!listening || parsed.events.includes('poke')) onPoke();
            listening = true;
          }
        }
      } catch {
        // Cut or aborted: reconnect below.
      }
      attempt += 1;
      await sleep(backoffMs(attempt, { baseMs: 2000, capMs: 5 * 60_000 }));
    }
    active = false;
  }
  return {
    start() {
      if (active) return;
      active = true;
      void loop();
    },
    stop() {
      active = false;
      ctrl?.abort();
    },
    abort() {
      ctrl?.abort();
    },
    reconnectNow() {
      attempt = 0;
      wake?.();
    },
  };
}
