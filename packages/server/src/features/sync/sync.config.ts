// Tunables of the sync server, in one place. Environment variables override the load limits.

/** Apps older than this are told to update (426) and keep their outbox. Bump with breaking changes. */
export const MIN_APP_VERSION = '0.1.0';

const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

export const SYNC_CONFIG = {
  /** On a SQLite file, pushes are stored by a worker thread (push-worker.ts); LAWH_SYNC_WORKER=0 keeps them on the request thread. */
  pushWorker: process.env.LAWH_SYNC_WORKER !== '0',
  /** Push and pull requests worked on at once; more wait in a queue. */
  concurrency: envInt('LAWH_SYNC_CONCURRENCY', 8),
  /** Requests waiting for a slot; beyond this, 503 at once. */
  queueMax: envInt('LAWH_SYNC_QUEUE', 400),
  /**
   * Bytes of push bodies (read and inflated, up to 1 MB each) waiting for a slot; a push that would
   * go past this answers 503 at once, so a rush cannot hold hundreds of megabytes. One always may wait.
   */
  queueBytes: envInt('LAWH_SYNC_QUEUE_BYTES', 64 * 1024 * 1024),
  /** How long a request waits for a slot before 503 + Retry-After. */
  queueWaitMs: envInt('LAWH_SYNC_QUEUE_WAIT_MS', 20_000),
  /** Retry-After on 503: this many seconds plus up to as many again of jitter. */
  retryAfterS: 2,
  /**
   * A scope not poked (pokeScopes) is projected again at most this often at pull time, so writes
   * that do not poke (roster import, CLI, seed) still reach tablets within this delay.
   */
  refreshMs: envInt('LAWH_SYNC_REFRESH_MS', 30_000),
  /** Tombstones and superseded rows older than this are compacted away. */
  horizonMs: envInt('LAWH_SYNC_HORIZON_MS', 30 * 24 * 3600 * 1000),
  /** How often compaction runs in a long-lived server. */
  compactEveryMs: 6 * 3600 * 1000,
  /** SSE comment heartbeat; also when a live stream re-reads its device's scopes. */
  heartbeatMs: 25_000,
};
