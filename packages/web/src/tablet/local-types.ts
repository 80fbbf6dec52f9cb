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

/** A file of a learner's submission, kept on the tablet until the server acknowledged its event. */
export interface QueuedMedia {
  /** SHA-256 hex of the bytes: the server's name for the file. */
  hash: string;
  /** Without parameters: 'audio/webm', not 'audio/webm;codecs=opus'. */
  mime: string;
  bytes: number;
  kind: 'photo' | 'voice';
  blob: Blob;
}

/** A learner's latest submission to a task from this tablet (the local side of "waiting to send"). */
export interface LocalSubmission {
  learnerId: string;
  assignmentId: string;
  submissionId: string;
  submittedAt: string;
  text: string | null;
  media: Array<Omit<QueuedMedia, 'blob'>>;
  /** deviceSeq of its event: "sent" once the server acknowledged it. */
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
  /**
   * Queues a `submission.submitted` event with its files in ONE transaction: a crash or a full disk
   * never leaves an event without its media, nor media without its event. Throws the
   * QuotaExceededError unchanged (nothing of it is stored; earlier work is untouched).
   */
  submit(
    actorId: string,
    payload: { submissionId: string; assignmentId: string; text: string | null },
    media: QueuedMedia[],
  ): Promise<SyncEvent>;
  /** This learner's submissions from this tablet, latest per task. */
  submissions(learnerId: string): Promise<LocalSubmission[]>;
  /** A queued file's bytes, while it waits to be sent (null once sent and dropped). */
  queuedBlob(hash: string): Promise<Blob | null>;
  work(learnerId: string): Promise<LocalWork[]>;
  status(): Promise<SyncStatus>;
  cursor(): Promise<SyncCursor>;
}
