import type { EventKind, PullResponse, SyncCursor, SyncEntity, SyncEvent, SyncRow } from '@lawh/shared';
import { newId } from '@lawh/shared/lib/ids';
import { scopesStartingOver } from '@lawh/shared/lib/sync-cursor';
import {
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  openDB,
  type StoreNames,
} from 'idb';
import { emptyStatus, nextCursor, pageOps, reduceWork, resetCursor, type StoredRow } from './local-logic';
import type {
  DeviceIdentity,
  LocalDb,
  LocalSubmission,
  LocalWork,
  QueuedMedia,
  SyncStatus,
} from './local-types';

// IndexedDB 'lawh-tablet', shared by the UI thread and the sync worker. Rules live in local-logic.ts;
// this file only keeps each write in the right transaction:
// - record(): outbox append + LocalWork update, one transaction (what the learner sees = what is sent);
// - submit(): outbox append + the submission's files (blobs) + LocalSubmission, one transaction; the
//   files are dropped with the acknowledged events (acknowledge()), never before;
// - applyPage(): rows + cursor, one transaction (a crash between them cannot skip or repeat rows);
// - outbox writes never share a transaction with rows or media, so a full disk while storing those
//   cannot roll back or block learner work.

export interface TabletSettings {
  mediaOnlyOnWifi: boolean;
}

/** A learner's file waiting to be sent with the event of `deviceSeq`; `uploaded` once the server holds it. */
export interface QueuedBlob extends QueuedMedia {
  deviceSeq: number;
  uploaded: boolean;
}

/** A media file the download manager knows about. Partial bytes live in mediaChunks until verified. */
export interface MediaEntry {
  hash: string;
  mime: string;
  bytes: number;
  received: number;
  done: boolean;
}

interface MetaValues {
  device: DeviceIdentity;
  cursor: SyncCursor;
  status: Omit<SyncStatus, 'waiting'>;
  settings: TabletSettings;
  /** The last deviceSeq handed out (gap-free per device, survives acknowledgements). */
  seq: number;
}

interface TabletSchema extends DBSchema {
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
  rows: { key: [string, string]; value: StoredRow; indexes: { entity: string; scope: string } };
  outbox: { key: number; value: SyncEvent };
  work: { key: [string, string]; value: LocalWork; indexes: { learnerId: string } };
  media: { key: string; value: MediaEntry };
  mediaChunks: { key: [string, number]; value: { hash: string; offset: number; data: ArrayBuffer } };
  /** Files of queued submissions (v2). */
  blobs: { key: string; value: QueuedBlob; indexes: { deviceSeq: number } };
  /** The latest submission per learner and task from this tablet (v2). */
  submissions: { key: [string, string]; value: LocalSubmission; indexes: { learnerId: string } };
}

export type TabletDb = IDBPDatabase<TabletSchema>;
export const DB_NAME = 'lawh-tablet';
/** Pokes between the UI thread and the sync worker: 'outbox' (new work), 'status', 'rows'. */
export const CHANNEL = 'lawh-tablet';
export type LocalChange = 'outbox' | 'status' | 'rows' | 'media';

let opening: Promise<TabletDb> | null = null;
export function openTabletDb(): Promise<TabletDb> {
  opening ??= openDB<TabletSchema>(DB_NAME, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) createV1(db);
      if (oldVersion < 2) {
        db.createObjectStore('blobs', { keyPath: 'hash' }).createIndex('deviceSeq', 'deviceSeq');
        db.createObjectStore('submissions', { keyPath: ['learnerId', 'assignmentId'] }).createIndex(
          'learnerId',
          'learnerId',
        );
      }
    },
    // A newer app (in another tab or the worker) wants to upgrade: let it, and reopen next time.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opening = null;
    },
  });
  return opening;
}

function createV1(db: IDBPDatabase<TabletSchema>) {
  db.createObjectStore('meta');
  const rows = db.createObjectStore('rows', { keyPath: ['entity', 'key'] });
  rows.createIndex('entity', 'entity');
  rows.createIndex('scope', 'scope');
  db.createObjectStore('outbox', { keyPath: 'deviceSeq' });
  const work = db.createObjectStore('work', { keyPath: ['learnerId', 'contentId'] });
  work.createIndex('learnerId', 'learnerId');
  db.createObjectStore('media', { keyPath: 'hash' });
  db.createObjectStore('mediaChunks', { keyPath: ['hash', 'offset'] });
}

let channel: BroadcastChannel | null = null;
function bc(): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}
/** Tells the other thread (and other tabs) that something changed. */
export function announce(what: LocalChange): void {
  bc()?.postMessage({ type: 'changed', what });
}
/** Calls `cb` when another thread announces a change. Returns an unsubscribe function. */
export function onLocalChange(cb: (what: LocalChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  // A separate channel object: a BroadcastChannel does not receive its own messages.
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (e: MessageEvent<{ type: string; what: LocalChange }>) => {
    if (e.data?.type === 'changed') cb(e.data.what);
  };
  return () => ch.close();
}

/**
 * The tablet's next event, its deviceSeq read in the caller's transaction, which stores the event
 * and the new seq. Not enrolled: the transaction is aborted and the call fails.
 */
async function nextEvent<S extends ArrayLike<StoreNames<TabletSchema>>>(
  metaStore: IDBPObjectStore<TabletSchema, S, 'meta', 'readwrite'>,
  actorId: string,
  kind: EventKind,
  payload: Record<string, unknown>,
): Promise<SyncEvent> {
  const device = (await metaStore.get('device')) as DeviceIdentity | undefined;
  if (!device) {
    metaStore.transaction.done.catch(() => undefined); // aborted on purpose; the caller gets the error
    metaStore.transaction.abort();
    throw new Error('This tablet is not enrolled');
  }
  const deviceSeq = (((await metaStore.get('seq')) as number | undefined) ?? 0) + 1;
  const clientTs = new Date().toISOString();
  return { id: newId(), deviceId: device.deviceId, deviceSeq, actorId, kind, v: 1, clientTs, payload };
}

async function meta<K extends keyof MetaValues>(db: TabletDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.get('meta', key)) as MetaValues[K] | undefined;
}

class IdbLocalDb implements LocalDb {
  constructor(private readonly open: () => Promise<TabletDb>) {}

  async device() {
    return (await meta(await this.open(), 'device')) ?? null;
  }

  async rows<E extends SyncEntity>(entity: E) {
    const all = await (await this.open()).getAllFromIndex('rows', 'entity', entity);
    return all.map((r) => r.data as SyncRow<E>);
  }

  async row<E extends SyncEntity>(entity: E, key: string) {
    return (await (await this.open()).get('rows', [entity, key]))?.data as SyncRow<E> | undefined;
  }

  async record(actorId: string, kind: EventKind, payload: Record<string, unknown>) {
    const db = await this.open();
    const tx = db.transaction(['meta', 'outbox', 'work'], 'readwrite');
    const metaStore = tx.objectStore('meta');
    const event = await nextEvent(metaStore, actorId, kind, payload);
    void metaStore.put(event.deviceSeq, 'seq');
    void tx.objectStore('outbox').add(event);
    const contentId = payload.contentId;
    if (typeof contentId === 'string') {
      const workStore = tx.objectStore('work');
      const next = reduceWork(await workStore.get([actorId, contentId]), event);
      if (next) void workStore.put(next);
    }
    await tx.done;
    announce('outbox');
    return event;
  }

  async submit(
    actorId: string,
    payload: { submissionId: string; assignmentId: string; text: string | null },
    media: QueuedMedia[],
  ) {
    const db = await this.open();
    const tx = db.transaction(['meta', 'outbox', 'blobs', 'submissions'], 'readwrite');
    const metaStore = tx.objectStore('meta');
    const refs = media.map(({ hash, mime, bytes, kind }) => ({ hash, mime, bytes, kind }));
    const event = await nextEvent(metaStore, actorId, 'submission.submitted', { ...payload, media: refs });
    const { deviceSeq } = event;
    // Each request's own failure is the transaction's (awaited below as tx.done).
    const quiet = (r: Promise<unknown>) => void r.catch(() => undefined);
    try {
      quiet(metaStore.put(deviceSeq, 'seq'));
      quiet(tx.objectStore('outbox').add(event));
      // Keyed by hash: the same photo sent twice is stored once, kept until its latest event is acked.
      for (const m of media) quiet(tx.objectStore('blobs').put({ ...m, deviceSeq, uploaded: false }));
      quiet(
        tx.objectStore('submissions').put({
          learnerId: actorId,
          assignmentId: payload.assignmentId,
          submissionId: payload.submissionId,
          submittedAt: event.clientTs,
          text: payload.text,
          media: refs,
          lastDeviceSeq: deviceSeq,
        }),
      );
    } catch (e) {
      // A request refused on the spot (a browser that cannot store a Blob, a full disk): the
      // requests already made must not commit on their own, or the event would go without its files.
      tx.done.catch(() => undefined);
      tx.abort();
      throw e;
    }
    await tx.done;
    announce('outbox');
    return event;
  }

  async submissions(learnerId: string) {
    return (await this.open()).getAllFromIndex('submissions', 'learnerId', learnerId);
  }

  async queuedBlob(hash: string) {
    return (await (await this.open()).get('blobs', hash))?.blob ?? null;
  }

  async work(learnerId: string) {
    return (await this.open()).getAllFromIndex('work', 'learnerId', learnerId);
  }

  async status(): Promise<SyncStatus> {
    const db = await this.open();
    const stored = (await meta(db, 'status')) ?? emptyStatus();
    return { ...stored, waiting: await db.count('outbox') };
  }

  async cursor() {
    return (await meta(await this.open(), 'cursor')) ?? {};
  }
}

/** The one LocalDb of this page (or worker). */
export const localDb = new IdbLocalDb(openTabletDb);

// ---------------------------------------------------------------------------------------------
// Used by the sync engine, enrolment and the status page (not by the learner screens).

/**
 * Stores the identity enrolment gave. Enrolled again as the same tablet (after a revoke), only the
 * credential changes: outbox, sequence, rows and learners' work are kept, so nothing is lost. As
 * another tablet, the local data starts afresh, which is refused while work waits to be sent.
 */
export async function saveDevice(device: DeviceIdentity): Promise<'kept' | 'fresh' | 'refused'> {
  const db = await openTabletDb();
  const tx = db.transaction(['meta', 'rows', 'work', 'outbox', 'submissions', 'blobs'], 'readwrite');
  const m = tx.objectStore('meta');
  const old = (await m.get('device')) as DeviceIdentity | undefined;
  if (old && old.deviceId === device.deviceId) {
    const status = ((await m.get('status')) as MetaValues['status'] | undefined) ?? emptyStatus();
    await m.put(device, 'device');
    await m.put({ ...status, blocked: null, lastError: null }, 'status');
    // Never number an event at or below what the server already holds (sync-protocol.md, enrol).
    const seq = ((await m.get('seq')) as number | undefined) ?? 0;
    if ((device.lastSeq ?? 0) > seq) await m.put(device.lastSeq ?? 0, 'seq');
    await tx.done;
    return 'kept';
  }
  if (old && (await tx.objectStore('outbox').count()) > 0) {
    tx.done.catch(() => undefined);
    tx.abort();
    return 'refused';
  }
  await Promise.all([
    m.put(device, 'device'),
    m.put({}, 'cursor'),
    m.put(device.lastSeq ?? 0, 'seq'),
    m.put(emptyStatus(), 'status'),
    tx.objectStore('rows').clear(),
    tx.objectStore('work').clear(),
    tx.objectStore('submissions').clear(),
    tx.objectStore('blobs').clear(),
    tx.done,
  ]);
  return 'fresh';
}

/** The oldest outbox events, in deviceSeq order. */
export async function outboxHead(limit: number): Promise<SyncEvent[]> {
  return (await openTabletDb()).getAll('outbox', undefined, limit);
}

/**
 * The server stored everything up to ackedSeq: drop it from the outbox, with the files of those
 * submissions (the server holds them now), and remember it.
 */
export async function acknowledge(ackedSeq: number): Promise<void> {
  const db = await openTabletDb();
  const tx = db.transaction(['outbox', 'meta', 'blobs'], 'readwrite');
  await tx.objectStore('outbox').delete(IDBKeyRange.upperBound(ackedSeq));
  let c = await tx.objectStore('blobs').index('deviceSeq').openCursor(IDBKeyRange.upperBound(ackedSeq));
  while (c) {
    await c.delete();
    c = await c.continue();
  }
  const m = tx.objectStore('meta');
  const status = ((await m.get('status')) as MetaValues['status'] | undefined) ?? emptyStatus();
  if (ackedSeq > status.ackedSeq) await m.put({ ...status, ackedSeq }, 'status');
  await tx.done;
}

/** Applies one pull page and stores its cursor, in one transaction. Returns the new cursor. */
export async function applyPage(page: PullResponse): Promise<SyncCursor> {
  const db = await openTabletDb();
  const tx = db.transaction(['rows', 'meta'], 'readwrite');
  const rows = tx.objectStore('rows');
  const m = tx.objectStore('meta');
  const old = ((await m.get('cursor')) as SyncCursor | undefined) ?? {};
  for (const scope of page.removedScopes) await purgeScope(tx, scope);
  for (const scope of scopesStartingOver(old, page.cursor)) await purgeScope(tx, scope);
  for (const op of pageOps(page.changes)) {
    if (op.op === 'put') void rows.put(op.row);
    else void rows.delete([op.entity, op.key]);
  }
  const cursor = nextCursor(old, page.cursor, page.removedScopes);
  void m.put(cursor, 'cursor');
  await tx.done;
  return cursor;
}

/** After a 410 for these scopes: purge their rows and start them again from 0, in one transaction. */
export async function resetScopes(scopes: readonly string[]): Promise<void> {
  const db = await openTabletDb();
  const tx = db.transaction(['rows', 'meta'], 'readwrite');
  for (const scope of scopes) await purgeScope(tx, scope);
  const m = tx.objectStore('meta');
  const old = ((await m.get('cursor')) as SyncCursor | undefined) ?? {};
  await m.put(resetCursor(old, scopes), 'cursor');
  await tx.done;
}

type RowsTx = IDBPTransaction<TabletSchema, ('rows' | 'meta')[], 'readwrite'>;
async function purgeScope(tx: RowsTx, scope: string): Promise<void> {
  let c = await tx.objectStore('rows').index('scope').openCursor(scope);
  while (c) {
    await c.delete();
    c = await c.continue();
  }
}

/** The queued files of these hashes (those still on the tablet). */
export async function queuedBlobs(hashes: readonly string[]): Promise<QueuedBlob[]> {
  const db = await openTabletDb();
  const found = await Promise.all(hashes.map((h) => db.get('blobs', h)));
  return found.filter((b): b is QueuedBlob => b !== undefined);
}

/** The server holds this file: a later run need not send it again. */
export async function markUploaded(hash: string): Promise<void> {
  const db = await openTabletDb();
  const tx = db.transaction('blobs', 'readwrite');
  const b = await tx.store.get(hash);
  if (b) await tx.store.put({ ...b, uploaded: true });
  await tx.done;
}

export async function patchStatus(
  patch: (s: MetaValues['status']) => Partial<MetaValues['status']>,
): Promise<void> {
  const db = await openTabletDb();
  const tx = db.transaction('meta', 'readwrite');
  const s = ((await tx.store.get('status')) as MetaValues['status'] | undefined) ?? emptyStatus();
  await tx.store.put({ ...s, ...patch(s) }, 'status');
  await tx.done;
  announce('status');
}

export async function getSettings(): Promise<TabletSettings> {
  return (await meta(await openTabletDb(), 'settings')) ?? { mediaOnlyOnWifi: false };
}

export async function saveSettings(settings: TabletSettings): Promise<void> {
  await (await openTabletDb()).put('meta', settings, 'settings');
  announce('status');
}
