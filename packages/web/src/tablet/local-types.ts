import type { EnrolResponse, EventKind, SyncCursor, SyncEntity, SyncEvent, SyncRow } from '@lawh/shared';

// The tablet's local database (IndexedDB 'lawh-tablet'), as the learner screens see it.
// tablet/local-db.ts implements LocalDb; features/tablet/ (the learner screens) only use this API.

/** What enrolment gave this tablet. Kept until the tablet is reset. */
export interface DeviceIdentity extends EnrolResponse {
  enrolledAt: string;
}

/** A learner's own work on one content item, kept on the device from their own events. */
export interface LocalWork {
  learnerId: string;
  contentId: string;
  version: number;
  status: 'started' | 'completed' | 'mastered';
  score: number | null;
  attempts: number;
  lastAt: string;
  /** deviceSeq of the learner's last event for this item: "sent" once the server acknowledged it. */
  lastDeviceSeq: number;
}

export interface SyncStatus {
  lastSyncAt: string | null;
  lastError: string | null;
  /** Events in the outbox, waiting to be sent. */
  waiting: number;
  /** The server's acknowledged sequence for this device. */
  ackedSeq: number;
  /** Wire bytes this calendar month, up and down. */
  monthBytes: { month: string; up: number; down: number };
  /** Set when the server said this app is too old or the tablet was revoked. */
  blocked: 'update_required' | 'revoked' | null;
}

export interface LocalDb {
  device(): Promise<DeviceIdentity | null>;
  rows<E extends SyncEntity>(entity: E): Promise<SyncRow<E>[]>;
  row<E extends SyncEntity>(entity: E, key: string): Promise<SyncRow<E> | undefined>;
  /**
   * Appends an event to the outbox and updates the actor's LocalWork in ONE transaction, so that
   * what the learner sees and what will be sent never disagree. deviceSeq is assigned here.
   */
  record(actorId: string, kind: EventKind, payload: Record<string, unknown>): Promise<SyncEvent>;
  work(learnerId: string): Promise<LocalWork[]>;
  status(): Promise<SyncStatus>;
  cursor(): Promise<SyncCursor>;
}
