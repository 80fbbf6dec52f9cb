import type { TeacherEvent, TeacherEventResult } from '@lawh/shared';

// The teacher outbox's rules, apart from IndexedDB and fetch so they can be tested alone
// (docs/teacher-outbox.md). An event leaves the outbox only on the server's answer for it:
// "applied" deletes it, "rejected" keeps it, marked, for the teacher to read and dismiss.

export interface QueuedEvent extends TeacherEvent {
  /** Insertion order: events are sent in the order the teacher acted. */
  seq: number;
  /** Whose action it is: only that teacher's session may send it. */
  userId: string;
  status: 'pending' | 'rejected';
  error?: TeacherEventResult['error'];
}

export interface OutboxStore {
  pending(userId: string, limit: number): Promise<QueuedEvent[]>;
  /** Deletes applied events and marks rejected ones, in one transaction. */
  settle(results: TeacherEventResult[]): Promise<void>;
}

/** What stopped a flush: nothing (all sent), the network or server (retry later), or the session. */
export type FlushOutcome = 'done' | 'retry' | 'signed_out';

export type Send = (events: TeacherEvent[]) => Promise<TeacherEventResult[]>;

/** An error from `send`: status 0 for no connection. */
export interface SendError {
  status: number;
  code?: string;
  message?: string;
}

export const BATCH = 100;

const envelope = ({ id, kind, v, clientTs, payload }: QueuedEvent): TeacherEvent => ({
  id,
  kind,
  v,
  clientTs,
  payload,
});

/** Sends the user's pending events in batches until none are left or something stops it. */
export async function flushOutbox(
  store: OutboxStore,
  send: Send,
  userId: string,
  onResults: (results: TeacherEventResult[]) => void = () => undefined,
): Promise<FlushOutcome> {
  for (;;) {
    const batch = await store.pending(userId, BATCH);
    if (batch.length === 0) return 'done';
    let results: TeacherEventResult[];
    try {
      results = await send(batch.map(envelope));
    } catch (err) {
      const status = (err as SendError).status ?? 0;
      if (status === 401) return 'signed_out';
      // A 4xx for the whole batch means the envelope itself is wrong: mark the batch rejected rather
      // than block the queue behind it forever (the events stay on the device, visible).
      if (status >= 400 && status < 500 && status !== 403 && status !== 408 && status !== 429) {
        const e = err as SendError;
        results = batch.map((q) => ({
          id: q.id,
          status: 'rejected' as const,
          error: { code: e.code ?? 'refused', message: e.message ?? `HTTP ${status}`, field: null },
        }));
      } else return status === 403 ? 'signed_out' : 'retry';
    }
    // Only answers for events we sent count; an event without an answer stays pending.
    const sent = new Set(batch.map((q) => q.id));
    const answered = results.filter((r) => sent.has(r.id));
    await store.settle(answered);
    onResults(answered);
    if (answered.length === 0) return 'retry';
  }
}
