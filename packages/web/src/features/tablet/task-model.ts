import type { SyncRow } from '@lawh/shared';
import { isLate } from '@lawh/shared/content/submission-state';
import type { LocalSubmission } from '../../tablet/local-types';

// The learner's tasks as pure data, from the rows on the tablet and the learner's own queued
// submissions. Zod-free: the learner home imports it in the first bundle.

export type AssignmentLike = SyncRow<'assignment'>;
export type SubmissionLike = SyncRow<'submission'>;
export type Returned = NonNullable<SubmissionLike['returned']>;
export type TaskAttachment = AssignmentLike['attachments'][number];

/**
 * What the learner sees about their work on a task: nothing sent yet (`todo`), `waiting` to send
 * from this tablet, `sent` (the teacher has it; not yet graded is never shown as missing), or
 * `returned` with the teacher's grade and feedback.
 */
export type TaskStatus = 'todo' | 'waiting' | 'sent' | 'returned';

export interface TaskItem {
  assignment: AssignmentLike;
  status: TaskStatus;
  /** Sent (or queued) after the due date. */
  late: boolean;
  /** The teacher closed the task: no new work is accepted. */
  closed: boolean;
  /** Past due with nothing sent. */
  overdue: boolean;
  submittedAt: string | null;
  /** The latest work as the learner sent it (from the tablet while queued, else the server's row). */
  text: string | null;
  mediaCount: { photo: number; voice: number };
  returned: Returned | null;
}

/** Whether an assignment is addressed to this learner: their class, and them if learners were chosen. */
export function forLearner(a: AssignmentLike, learnerId: string, classIds: ReadonlySet<string>): boolean {
  if (!classIds.has(a.classId)) return false;
  return a.learnerIds == null || a.learnerIds.includes(learnerId);
}

function count(media: ReadonlyArray<{ kind: string }>) {
  return {
    photo: media.filter((m) => m.kind === 'photo').length,
    voice: media.filter((m) => m.kind === 'voice').length,
  };
}

/** One task's item for one learner. */
export function taskItem(
  a: AssignmentLike,
  server: SubmissionLike | undefined,
  local: LocalSubmission | undefined,
  ackedSeq: number,
  now: Date,
): TaskItem {
  const base = {
    assignment: a,
    closed: a.closedAt != null,
    overdue: false,
  };
  // The tablet's own attempt wins while it is newer than what the server sent back.
  const localIsNewer =
    local !== undefined &&
    (local.lastDeviceSeq > ackedSeq ||
      !server ||
      (local.submissionId !== server.id && local.submittedAt > server.submittedAt));
  if (local && localIsNewer)
    return {
      ...base,
      status: local.lastDeviceSeq > ackedSeq ? 'waiting' : 'sent',
      late: isLate(local.submittedAt, a.dueAt),
      submittedAt: local.submittedAt,
      text: local.text,
      mediaCount: count(local.media),
      returned: null,
    };
  if (server)
    return {
      ...base,
      status: server.state === 'returned' && server.returned ? 'returned' : 'sent',
      late: server.late,
      submittedAt: server.submittedAt,
      text: server.text,
      mediaCount: count(server.media),
      returned: server.state === 'returned' ? server.returned : null,
    };
  return {
    ...base,
    status: 'todo',
    late: false,
    overdue: a.dueAt !== null && new Date(a.dueAt).getTime() < now.getTime(),
    submittedAt: null,
    text: null,
    mediaCount: { photo: 0, voice: 0 },
    returned: null,
  };
}

export interface TaskInput {
  learnerId: string;
  classIds: ReadonlySet<string>;
  assignments: readonly AssignmentLike[];
  submissions: readonly SubmissionLike[];
  /** This learner's queued or sent submissions on this tablet (filtered again here). */
  local: readonly LocalSubmission[];
  ackedSeq: number;
  now: Date;
}

const STATUS_ORDER: Record<TaskStatus, number> = { todo: 0, returned: 1, waiting: 2, sent: 3 };
const dueTime = (d: string | null) => (d === null ? Number.POSITIVE_INFINITY : new Date(d).getTime());

/** The learner's open tasks: what to do first (earliest due), then returned, waiting and sent work. */
export function buildTasks(input: TaskInput): TaskItem[] {
  const { learnerId, now } = input;
  const latest = new Map<string, SubmissionLike>();
  for (const s of input.submissions) {
    if (s.learnerId !== learnerId) continue;
    const seen = latest.get(s.assignmentId);
    if (!seen || s.submittedAt > seen.submittedAt) latest.set(s.assignmentId, s);
  }
  const local = new Map(input.local.filter((l) => l.learnerId === learnerId).map((l) => [l.assignmentId, l]));
  return input.assignments
    .filter(
      (a) =>
        a.kind === 'task' &&
        forLearner(a, learnerId, input.classIds) &&
        new Date(a.openAt).getTime() <= now.getTime(),
    )
    .map((a) => taskItem(a, latest.get(a.id), local.get(a.id), input.ackedSeq, now))
    .sort(
      (x, y) =>
        STATUS_ORDER[x.status] - STATUS_ORDER[y.status] ||
        dueTime(x.assignment.dueAt) - dueTime(y.assignment.dueAt) ||
        (x.assignment.title ?? '').localeCompare(y.assignment.title ?? ''),
    );
}

/** Whether the learner may send work now: open, and nothing of theirs waiting or being graded. */
export function canSubmitNow(item: TaskItem): boolean {
  return !item.closed && (item.status === 'todo' || item.status === 'returned');
}
