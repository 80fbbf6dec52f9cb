import type { FromSync } from './sync-scheduler';

// The page's side of the sync worker: starts it once, asks for "Sync now", and passes on what it says.

let worker: Worker | null = null;
let onPage: { run: (reason: 'manual' | 'start') => Promise<void> } | null = null;
const listeners = new Set<(m: FromSync) => void>();
let last: { running: boolean; progress: FromSync | null; outcome: FromSync | null } = {
  running: false,
  progress: null,
  outcome: null,
};

function dispatch(m: FromSync) {
  // For whoever looks at the console of a tablet that does not sync.
  if (m.type === 'outcome' && m.outcome.kind === 'retry') console.warn('Lawh sync:', m.outcome.message);
  if (m.type === 'running') last = { running: true, progress: null, outcome: last.outcome };
  else if (m.type === 'progress') last = { ...last, progress: m };
  else last = { running: false, progress: last.progress, outcome: m };
  for (const l of listeners) l(m);
}

/**
 * Starts syncing in the background; true if this call started it (its first run is under way).
 * Without module workers, it runs on the page.
 */
export function startSync(): boolean {
  if (worker || onPage) return false;
  try {
    const w = new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module', name: 'lawh-sync' });
    worker = w;
    w.onmessage = (e: MessageEvent<FromSync>) => dispatch(e.data);
    // A browser without module workers fails to load it rather than throwing: sync on the page.
    w.onerror = () => {
      if (last.running || last.outcome) return;
      w.terminate();
      worker = null;
      runOnPage();
    };
  } catch {
    runOnPage();
  }
  return true;
}

function runOnPage(): void {
  onPage = { run: async () => {} }; // until the scheduler has loaded
  void import('./sync-scheduler').then((m) => {
    onPage = m.createScheduler(dispatch);
    void onPage.run('start');
  });
}

/** "Sync now". */
export function syncNow(): void {
  startSync();
  if (worker) worker.postMessage({ type: 'sync', reason: 'manual' });
  else void onPage?.run('manual');
}

export function syncState() {
  return last;
}

export function onSync(cb: (m: FromSync) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
