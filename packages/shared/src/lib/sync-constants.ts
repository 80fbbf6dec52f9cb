// Sync protocol v1 limits and codes, free of zod so the tablet's sync worker can import them
// without the schemas (see schemas/sync.ts for the wire contract).

export const SYNC_LIMITS = {
  /**
   * Events per push, and bytes of the JSON body before compression (ADR 0008). About 80 KB on the
   * wire, less than a full pull page; fewer pushes mean fewer transactions and progress writes.
   */
  pushMaxEvents: 2000,
  pushMaxBytes: 1024 * 1024,
  /** Rows and bytes of data per pull page. */
  pullMaxRows: 1000,
  pullMaxBytes: 1_000_000,
} as const;

/** Body of a 410 answer: these scopes' cursors are older than the tombstone horizon. */
export const CURSOR_EXPIRED = 'cursor_expired';
