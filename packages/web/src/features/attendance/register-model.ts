import type { AttendanceMarkedPayload, AttendanceStatus, RegisterRow } from '@lawh/shared';

// The register page's state without the page: which register a queued event belongs to, the
// register as the teacher last left it (the server's copy with any queued save laid over it), and
// the event a save sends. Kept pure so it is unit-tested without a browser.

export const ATTENDANCE_EVENT = 'attendance.marked';

export interface RegisterKey {
  classId: string;
  date: string;
  liveSessionId: string | null;
}

/** A learner's chosen status, by learner id; a learner left out is not marked. */
export type Draft = Record<string, AttendanceStatus>;

interface Queued {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}

const sameRegister = (p: Record<string, unknown>, k: RegisterKey) =>
  p.classId === k.classId && p.date === k.date && (p.liveSessionId ?? null) === k.liveSessionId;

/** The last queued save of this register, if one is waiting to be sent (it is a whole register). */
export function pendingFor(events: Queued[], k: RegisterKey): AttendanceMarkedPayload | null {
  const mine = events.filter((e) => e.kind === ATTENDANCE_EVENT && sameRegister(e.payload, k));
  const last = mine.sort((a, b) => a.seq - b.seq).at(-1);
  return last ? (last.payload as unknown as AttendanceMarkedPayload) : null;
}

/** The statuses to show: the queued save when there is one (it replaces the register), else the server's. */
export function draftOf(
  register: { rows: Pick<RegisterRow, 'learnerId' | 'status'>[] },
  pending: AttendanceMarkedPayload | null,
): Draft {
  const draft: Draft = {};
  if (pending) for (const m of pending.marks) draft[m.learnerId] = m.status;
  else for (const r of register.rows) if (r.status) draft[r.learnerId] = r.status;
  return draft;
}

/** Each learner's note (why absent or late), by learner id: the queued save's, else the server's. */
export type Notes = Record<string, string>;
export function notesOf(
  register: { rows: Pick<RegisterRow, 'learnerId' | 'note'>[] },
  pending: AttendanceMarkedPayload | null,
): Notes {
  const notes: Notes = {};
  for (const m of pending ? pending.marks : register.rows) if (m.note) notes[m.learnerId] = m.note;
  return notes;
}

/** Everyone present, keeping nobody out (the "all present" shortcut). */
export const allPresent = (rows: Pick<RegisterRow, 'learnerId'>[]): Draft =>
  Object.fromEntries(rows.map((r) => [r.learnerId, 'present' as const]));

/** The whole register as the teacher outbox sends it: a "set", so sending it twice is harmless. */
export function registerEvent(
  k: RegisterKey,
  rows: Pick<RegisterRow, 'learnerId'>[],
  draft: Draft,
  notes: Notes = {},
): AttendanceMarkedPayload {
  return {
    classId: k.classId,
    date: k.date,
    liveSessionId: k.liveSessionId,
    marks: rows.flatMap((r) => {
      const status = draft[r.learnerId];
      const note = notes[r.learnerId]?.trim() || null;
      return status ? [{ learnerId: r.learnerId, status, note }] : [];
    }),
  };
}

/** How many listed learners have no status yet. */
export const unmarkedCount = (rows: Pick<RegisterRow, 'learnerId'>[], draft: Draft) =>
  rows.filter((r) => !draft[r.learnerId]).length;
