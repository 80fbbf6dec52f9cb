import type { Generated } from 'kysely';

// Row types of the sync tables (migrations 0006, 0007, 0014),
// as the application sees them (db/schema.ts says how). db/schema.ts re-exports them and lists them in DB.

export interface SyncEventsTable {
  seq: Generated<number>;
  id: string;
  deviceId: string;
  deviceSeq: number;
  actorId: string;
  kind: string;
  v: number;
  clientTs: string;
  /** JSON. */
  payload: string;
  receivedAt: string;
}

export interface DeviceSyncStateTable {
  deviceId: string;
  ackedSeq: number;
  updatedAt: string;
}

export interface SyncQuarantineTable {
  seq: Generated<number>;
  eventId: string | null;
  deviceId: string;
  deviceSeq: number;
  reason: string;
  /** The event as received, JSON. */
  event: string;
  receivedAt: string;
  resolvedAt: string | null;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  scope: string;
  entity: string;
  entityKey: string;
  op: 'put' | 'del';
  /** JSON; null for del. */
  data: string | null;
  at: string;
}

export interface LearnerProgressTable {
  learnerId: string;
  contentId: string;
  contentVersion: number;
  status: 'started' | 'completed' | 'mastered';
  score: number | null;
  attempts: number;
  correct: number;
  answered: number;
  firstAt: string;
  lastAt: string;
  updatedAt: string;
}

export interface SyncScopesTable {
  scope: string;
  /** When the scope's rows were last projected into the change log; null: never. */
  builtAt: string | null;
  /** The highest tombstone seq compaction dropped: a cursor below it gets 410. */
  horizonSeq: number;
}

/** What the change log currently holds for each live row of a scope. */
export interface SyncScopeRowsTable {
  scope: string;
  entity: string;
  entityKey: string;
  hash: string;
  /** The media hashes the row's data references, space-separated; null when none (0014). */
  media: string | null;
}
