import type { SyncChange, SyncCursor, SyncEvent } from '@lawh/shared';
import type { LocalWork, SyncStatus } from './local-types';

// The pure rules of the tablet's local database. local-db.ts only moves their results in and out of
// IndexedDB, so these are what the unit tests pin down.

/** A stored server row: its data, plus the scope it came from so a removed scope can be purged. */
export interface StoredRow {
  entity: string;
  key: string;
  scope: string;
  data: unknown;
}

export type RowOp = { op: 'put'; row: StoredRow } | { op: 'del'; entity: string; key: string };

/**
 * Reduces a pull page to one write per row, the last change winning (a page may carry a put then a
 * del of the same row). Order of the result follows the last change of each row.
 */
export function pageOps(changes: readonly SyncChange[]): RowOp[] {
  const last = new Map<string, RowOp>();
  for (const c of changes) {
    const id = `${c.entity}\u0000${c.key}`;
    last.delete(id);
    last.set(
      id,
      c.op === 'put'
        ? { op: 'put', row: { entity: c.entity, key: c.key, scope: c.scope, data: c.data } }
        : { op: 'del', entity: c.entity, key: c.key },
    );
  }
  return [...last.values()];
}

/**
 * The cursor to store with an applied page: the server's, minus scopes it no longer grants. Scopes the
 * server did not mention keep their old position (a page need not repeat every scope).
 */
export function nextCursor(
  old: SyncCursor,
  fromServer: SyncCursor,
  removedScopes: readonly string[],
): SyncCursor {
  const out: SyncCursor = { ...old, ...fromServer };
  for (const s of removedScopes) delete out[s];
  return out;
}

/** After a 410: these scopes start again from 0 (their rows are purged in the same transaction). */
export function resetCursor(old: SyncCursor, scopes: readonly string[]): SyncCursor {
  const out: SyncCursor = { ...old };
  for (const s of scopes) out[s] = 0;
  return out;
}

const STATUS_RANK = { started: 0, completed: 1, mastered: 2 } as const;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A learner's work on one item after one of their own events. Status never goes down (a mastered
 * quiz opened again stays mastered); the score is the last completed attempt's; a newer version of
 * the content starts the record again. Returns null for events that are not about content.
 */
export function reduceWork(prev: LocalWork | undefined, event: SyncEvent): LocalWork | null {
  const contentId = event.payload.contentId;
  const version = num(event.payload.version);
  if (typeof contentId !== 'string' || version === null) return null;
  const base: LocalWork =
    prev && prev.version === version
      ? { ...prev }
      : {
          learnerId: event.actorId,
          contentId,
          version,
          status: 'started',
          score: null,
          attempts: 0,
          lastAt: event.clientTs,
          lastDeviceSeq: event.deviceSeq,
        };
  if (prev && prev.version > version)
    return { ...prev, lastDeviceSeq: event.deviceSeq, lastAt: event.clientTs };
  base.lastAt = event.clientTs;
  base.lastDeviceSeq = event.deviceSeq;
  let status: LocalWork['status'] = 'started';
  switch (event.kind) {
    case 'lesson.completed':
      status = 'completed';
      break;
    case 'quiz.completed':
      status = event.payload.mastered === true ? 'mastered' : 'completed';
      base.score = num(event.payload.score) ?? base.score;
      base.attempts += 1;
      break;
  }
  if (STATUS_RANK[status] > STATUS_RANK[base.status]) base.status = status;
  return base;
}

/** "waiting to send" until the server acknowledged the learner's last event on this item. */
export function isSent(work: LocalWork, ackedSeq: number): boolean {
  return work.lastDeviceSeq <= ackedSeq;
}

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Adds wire bytes to this month's count; a new month starts from zero. */
export function addBytes(
  m: SyncStatus['monthBytes'],
  now: Date,
  up: number,
  down: number,
): SyncStatus['monthBytes'] {
  const month = monthOf(now);
  const base = m.month === month ? m : { month, up: 0, down: 0 };
  return { month, up: base.up + up, down: base.down + down };
}

export const emptyStatus = (now = new Date()): SyncStatus => ({
  lastSyncAt: null,
  lastError: null,
  waiting: 0,
  ackedSeq: 0,
  monthBytes: { month: monthOf(now), up: 0, down: 0 },
  blocked: null,
});

const NON_ASCII = /[\u0080-\uffff]/;

const utf8 = new TextEncoder();
/** Where long strings are encoded to be measured, kept: a fresh buffer each time is garbage. */
let scratch = new Uint8Array(0);

/** The UTF-8 size of a string: of one event without encoding it, of a piece of a batch by encoding it. */
export function utf8Length(s: string): number {
  // A piece of a batch: the encoder is native, and the loop below would walk most of it.
  if (s.length > 4096) {
    if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
    return utf8.encodeInto(s, scratch).written;
  }
  // Most of an event is ASCII, and the regex engine finds the first other character far faster than
  // a charCodeAt loop gets there.
  const first = NON_ASCII.exec(s)?.index;
  if (first === undefined) return s.length;
  let n = s.length;
  for (let i = first; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    // A surrogate pair is 2 UTF-16 units and 4 bytes; a lone surrogate becomes U+FFFD, 3 bytes.
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * Events per piece of a batch's JSON. A push's JSON is about 1 MB: as one string it lands in V8's
 * large-object space, whose fresh pages cost a page fault each on every push (ADR 0009); a piece of
 * 64 events, about 25 KB, stays in the young generation.
 */
const PIECE_EVENTS = 64;

/** A push batch and its events' JSON, serialised once, in pieces ("e1,e2,…", no brackets). */
export interface Batch<T> {
  events: T[];
  pieces: string[];
}

/**
 * Splits the outbox into a push batch within the limits: at most maxEvents, and at most maxBytes of
 * JSON (always at least one event, so one large event cannot block the queue). The bytes are counted
 * as 2 brackets plus each event's UTF-8 JSON and a comma; the newlines pushBody adds between pieces
 * (one per 64 events) fall within the server's allowance for the status (PUSH_BODY_LIMIT).
 */
export function takeBatch<T>(events: readonly T[], maxEvents: number, maxBytes: number): Batch<T> {
  // Usually the whole head fits: one JSON.stringify per piece costs less than one per event. A
  // piece's JSON holds its events, the commas between them and 2 brackets: its events' share of
  // the rule is its length less 1.
  const head = events.slice(0, maxEvents);
  const pieces: string[] = [];
  let chars = 2;
  let bytes = 2;
  for (let i = 0; i < head.length && bytes <= maxBytes; i += PIECE_EVENTS) {
    const json = JSON.stringify(head.slice(i, i + PIECE_EVENTS));
    pieces.push(json.slice(1, -1));
    chars += json.length - 1;
    // UTF-8 is never shorter than UTF-16: past the limit in the one is past it in the other.
    bytes += (chars > maxBytes ? json.length : utf8Length(json)) - 1;
  }
  if (bytes <= maxBytes || head.length === 0) return { events: head, pieces };
  const out: T[] = [];
  const parts: string[] = [];
  bytes = 2;
  for (const e of head) {
    const json = JSON.stringify(e);
    const size = utf8Length(json) + 1;
    if (out.length > 0 && bytes + size > maxBytes) break;
    out.push(e);
    parts.push(json);
    bytes += size;
  }
  pieces.length = 0;
  for (let i = 0; i < parts.length; i += PIECE_EVENTS)
    pieces.push(parts.slice(i, i + PIECE_EVENTS).join(','));
  return { events: out, pieces };
}

/**
 * The most events to send after a push was refused as too large, or null if it was not. A server
 * or its front end may take less than SYNC_LIMITS: an older server answers 400 naming `events`, a
 * proxy's body limit 413 (nginx's default is 1 MB). Half as many, down to one event.
 */
export function smallerBatch(refusal: { status: number; details?: unknown }, sent: number): number | null {
  const issues = (refusal.details as { issues?: Array<{ field?: string }> } | undefined)?.issues;
  const tooMany = refusal.status === 400 && !!issues?.some((i) => i.field === 'events');
  if ((refusal.status !== 413 && !tooMany) || sent <= 1) return null;
  return Math.floor(sent / 2);
}

/**
 * The body of a push: JSON.stringify({ status, events }) but for whitespace, in parts to send as they
 * are. The status comes first and a newline precedes each piece of events, so the server can parse
 * the events piece by piece (ADR 0009); to any other reader it is plain JSON.
 */
export function pushBody(batch: Batch<unknown>, status: unknown): JsonText {
  const parts = [`{"status":${JSON.stringify(status)},"events":[`];
  for (const [i, piece] of batch.pieces.entries()) parts.push(i === 0 ? '\n' : ',\n', piece);
  parts.push('\n]}');
  return new JsonText(parts);
}

/** JSON already serialised, in parts, for postSync to send as it is. */
export class JsonText {
  constructor(readonly parts: string[]) {}

  get length(): number {
    let n = 0;
    for (const p of this.parts) n += p.length;
    return n;
  }
}

export function isQuotaError(e: unknown): boolean {
  return (
    e instanceof Error &&
    (e.name === 'QuotaExceededError' || (e as DOMException).code === 22 || /quota/i.test(e.message))
  );
}
