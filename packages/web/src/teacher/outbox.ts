import type { TeacherEvent, TeacherEventResult, TeacherEventsResponse } from '@lawh/shared';
import { backoffMs } from '@lawh/shared/lib/backoff';
import { newId } from '@lawh/shared/lib/ids';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n';
import { ApiError, api } from '../lib/api';
import { type FlushOutcome, flushOutbox, type OutboxStore, type QueuedEvent } from './outbox-core';

// The teacher outbox (docs/teacher-outbox.md): teacher actions that must work offline are queued
// here as events and sent to POST /api/teacher/v1/events when there is a connection. Pages call
// sendTeacherEvent and show pending events as "waiting to send".

interface OutboxDb extends DBSchema {
  events: { key: number; value: QueuedEvent; indexes: { id: string; user: [string, string, number] } };
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;
const open = () => {
  dbPromise ??= openDB<OutboxDb>('lawh-teacher', 1, {
    upgrade(db) {
      const s = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
      s.createIndex('id', 'id', { unique: true });
      s.createIndex('user', ['userId', 'status', 'seq']);
    },
  });
  return dbPromise;
};

const store: OutboxStore = {
  async pending(userId, limit) {
    const range = IDBKeyRange.bound([userId, 'pending', 0], [userId, 'pending', Number.MAX_SAFE_INTEGER]);
    return (await open()).getAllFromIndex('events', 'user', range, limit);
  },
  async settle(results) {
    const tx = (await open()).transaction('events', 'readwrite');
    for (const r of results) {
      const key = await tx.store.index('id').getKey(r.id);
      if (key === undefined) continue;
      if (r.status === 'applied') await tx.store.delete(key);
      else {
        const q = await tx.store.get(key);
        if (q) await tx.store.put({ ...q, status: 'rejected', error: r.error });
      }
    }
    await tx.done;
  },
};

// --- module state: who is signed in, who is listening, the one flush in flight -----------------

let userId: string | null = null;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
const answers = new Map<string, TeacherEventResult>();
let inFlight: Promise<FlushOutcome> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;

/** One batch to the server; an ApiError becomes the SendError the outbox rules read. */
const send = (events: TeacherEvent[]) =>
  api.post<TeacherEventsResponse>('/api/teacher/v1/events', { events }).then(
    (r) => r.results,
    (err: unknown) => {
      throw err instanceof ApiError ? { status: err.status, code: err.code, message: err.message } : err;
    },
  );

/** Sends what is waiting; one flush at a time, retried with backoff while there is no connection. */
export function flush(): Promise<FlushOutcome> {
  const user = userId;
  if (!user) return Promise.resolve('signed_out');
  inFlight ??= flushOutbox(store, send, user, (results) => {
    for (const r of results) answers.set(r.id, r);
    notify();
  })
    .catch(() => 'retry' as const)
    .then((outcome) => {
      inFlight = null;
      clearTimeout(retryTimer);
      if (outcome === 'retry') {
        attempt++;
        retryTimer = setTimeout(() => void flush(), backoffMs(attempt, { baseMs: 2000, capMs: 60_000 }));
      } else attempt = 0;
      notify();
      return outcome;
    });
  return inFlight;
}

/** Called when the session changes: the outbox sends only the signed-in teacher's events. */
export function setOutboxUser(id: string | null): void {
  if (id === userId) return;
  userId = id;
  notify();
  if (id) void flush();
}

if (typeof window !== 'undefined') window.addEventListener('online', () => void flush());

export type SendResult =
  | { status: 'applied' }
  | { status: 'pending' }
  /** `field` is the payload's field the server named ("points", not "payload.points"). */
  | { status: 'rejected'; code: string; message: string; field: string | null };

/** What a page shows for a rejection: the server's reason, or the device's full storage. */
export const rejectionText = (t: Translate, r: Extract<SendResult, { status: 'rejected' }>) =>
  r.code === 'storage_full' ? t('outbox.full') : r.message;

/**
 * Queues a teacher action and tries to send it at once. Resolves when the server has answered or,
 * with no connection, as soon as the action is safely queued ("pending": it will be sent later).
 * A rejection answered now is shown by the page that asked, so it is not kept for /outbox; a full
 * disk is a rejection with code `storage_full` (nothing was queued).
 */
export async function sendTeacherEvent(
  kind: string,
  v: number,
  payload: Record<string, unknown>,
): Promise<SendResult> {
  if (!userId) throw new Error('sendTeacherEvent needs a signed-in teacher');
  const id = newId();
  const event = {
    id,
    kind,
    v,
    clientTs: new Date().toISOString(),
    payload,
    userId,
    status: 'pending' as const,
  };
  try {
    await (await open()).add('events', event as QueuedEvent);
  } catch (err) {
    if ((err as DOMException)?.name === 'QuotaExceededError')
      return { status: 'rejected', code: 'storage_full', message: 'storage full', field: null };
    throw err;
  }
  notify();
  await flush();
  const answer = answers.get(id);
  answers.delete(id);
  if (!answer) return { status: 'pending' };
  if (answer.status === 'applied') return { status: 'applied' };
  await dismissTeacherEvent(id);
  const error = answer.error ?? { code: 'rejected', message: '', field: null };
  return {
    status: 'rejected',
    code: error.code,
    message: error.message,
    field: error.field?.replace(/^payload\./, '') ?? null,
  };
}

/** Removes a rejected event the teacher has read. */
export async function dismissTeacherEvent(id: string): Promise<void> {
  const db = await open();
  const key = await db.getKeyFromIndex('events', 'id', id);
  if (key !== undefined) await db.delete('events', key);
  notify();
}

/** The signed-in teacher's queued events (pending and rejected), oldest first; re-renders on change. */
export function useTeacherOutbox(kind?: string): QueuedEvent[] {
  const [events, setEvents] = useState<QueuedEvent[]>([]);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const user = userId;
      const all = user
        ? await (await open()).getAllFromIndex(
            'events',
            'user',
            IDBKeyRange.bound([user, '', 0], [user, '\uffff', Number.MAX_SAFE_INTEGER]),
          )
        : [];
      if (live) setEvents(all.filter((e) => !kind || e.kind === kind).sort((a, b) => a.seq - b.seq));
    };
    void load();
    listeners.add(load);
    return () => {
      live = false;
      listeners.delete(load);
    };
  }, [kind]);
  return events;
}

/** Pending events of a kind, to overlay on a page as "waiting to send". */
export const usePendingTeacherEvents = (kind?: string) =>
  useTeacherOutbox(kind).filter((e) => e.status === 'pending');

/** The service worker's copies of API answers, for reading pages offline. Must match sw.ts. */
export const API_CACHE = 'lawh-api-v1';

/** Forgets the saved pages on this device (at sign-out): the next person cannot read them. */
export async function clearOfflineCopies(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(API_CACHE).catch(() => false);
}
