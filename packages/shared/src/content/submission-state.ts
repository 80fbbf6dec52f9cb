// The life of a learner's work on one task (issue 5). Pure and zod-free: the server, the teacher's
// pages and the tablet's sync worker all import it.
//
//   assigned ──due passes──▶ missing
//   assigned | missing ──submit──▶ submitted (sent on time) | late (sent after the due date)
//   submitted | late ──grade──▶ graded ──return──▶ returned ──submit again──▶ submitted | late
//
// "Not yet graded" (submitted or late) is never missing, a grade is shown to the learner only once
// returned, and a task the teacher closed or withdrew refuses new work (never silently dropped:
// the server quarantines the event with the reason).

export const SUBMISSION_STATES = ['assigned', 'missing', 'submitted', 'late', 'graded', 'returned'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Every move the machine can make; anything else is a bug. */
export const SUBMISSION_EDGES: Readonly<Record<SubmissionState, readonly SubmissionState[]>> = {
  assigned: ['missing', 'submitted', 'late'],
  // Work done offline before the due date and synced after it is on time.
  missing: ['submitted', 'late'],
  // Sent again before grading: the newer attempt replaces it in the queue (the older one is kept).
  submitted: ['submitted', 'late', 'graded'],
  // Each attempt is judged on its own time (tablet clocks are not in order across attempts).
  late: ['submitted', 'late', 'graded'],
  // Graded again (a correction) before it is returned.
  graded: ['graded', 'returned'],
  returned: ['submitted', 'late'],
};

/** Why a move is refused. `closed`, `withdrawn` and `being_graded` are quarantine reasons. */
export type SubmissionRefusal =
  | 'closed'
  | 'withdrawn'
  | 'being_graded'
  | 'not_submitted'
  | 'not_graded'
  | 'returned';

/** What the machine needs to know about the task. */
export interface TaskFacts {
  dueAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
}

export type SubmissionMove =
  | { type: 'time'; now: string }
  | { type: 'submit'; at: string }
  | { type: 'grade' }
  | { type: 'return' };

export type StepResult = { ok: true; state: SubmissionState } | { ok: false; reason: SubmissionRefusal };

const ms = (iso: string) => Date.parse(iso);

/** Late means sent strictly after the due date; without a due date nothing is late. */
export const isLate = (submittedAt: string, dueAt: string | null): boolean =>
  dueAt !== null && ms(submittedAt) > ms(dueAt);

/** Past due with nothing sent. */
export const isPastDue = (now: string, dueAt: string | null): boolean =>
  dueAt !== null && ms(now) > ms(dueAt);

/** Sent and waiting for the teacher: shown as "not yet graded", never as missing. */
export const awaitsGrading = (s: SubmissionState): boolean => s === 'submitted' || s === 'late';

/** The learner (and their guardians) see points and feedback only once the work is returned. */
export const gradeVisibleToLearner = (s: SubmissionState): boolean => s === 'returned';

/** Whether a submission sent at `at` is accepted, and the state it enters. */
export function canSubmit(state: SubmissionState, task: TaskFacts, at: string): StepResult {
  if (task.withdrawnAt !== null) return { ok: false, reason: 'withdrawn' };
  if (task.closedAt !== null) return { ok: false, reason: 'closed' };
  if (state === 'graded') return { ok: false, reason: 'being_graded' };
  // Lateness is decided by when the learner sent it on the tablet, not when it reached the server.
  return { ok: true, state: isLate(at, task.dueAt) ? 'late' : 'submitted' };
}

/** One move of the machine. */
export function step(state: SubmissionState, move: SubmissionMove, task: TaskFacts): StepResult {
  switch (move.type) {
    case 'time':
      return { ok: true, state: state === 'assigned' && isPastDue(move.now, task.dueAt) ? 'missing' : state };
    case 'submit':
      return canSubmit(state, task, move.at);
    case 'grade':
      if (state === 'returned') return { ok: false, reason: 'returned' };
      return awaitsGrading(state) || state === 'graded'
        ? { ok: true, state: 'graded' }
        : { ok: false, reason: 'not_submitted' };
    case 'return':
      return state === 'graded' ? { ok: true, state: 'returned' } : { ok: false, reason: 'not_graded' };
  }
}

/** The latest attempt as stored. */
export interface StoredAttempt {
  submittedAt: string;
  late: boolean;
  gradedAt: string | null;
  returnedAt: string | null;
}

/** The state shown for a learner and a task, from what is stored (null: nothing sent yet). */
export function deriveState(
  latest: StoredAttempt | null,
  dueAt: string | null,
  now: string,
): SubmissionState {
  if (!latest) return isPastDue(now, dueAt) ? 'missing' : 'assigned';
  if (latest.returnedAt !== null) return 'returned';
  if (latest.gradedAt !== null) return 'graded';
  return latest.late ? 'late' : 'submitted';
}

// Media a learner attaches to a submission (checked again by the server's upload endpoint).
const MB = 1024 * 1024;
export const SUBMISSION_MEDIA = {
  photo: { maxBytes: 2 * MB, mimes: ['image/jpeg', 'image/webp'] },
  voice: { maxBytes: 5 * MB, mimes: ['audio/webm', 'audio/ogg', 'audio/mp4'] },
} as const;
export type SubmissionMediaKind = keyof typeof SUBMISSION_MEDIA;
/** At most this many files per submission, and this much text. */
export const SUBMISSION_MAX_MEDIA = 6;
export const SUBMISSION_MAX_TEXT = 5000;

/** Which kind a MIME type is, as a learner's attachment; null: not accepted. */
export function submissionMediaKind(mime: string): SubmissionMediaKind | null {
  const base = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  for (const kind of Object.keys(SUBMISSION_MEDIA) as SubmissionMediaKind[])
    if ((SUBMISSION_MEDIA[kind].mimes as readonly string[]).includes(base)) return kind;
  return null;
}
