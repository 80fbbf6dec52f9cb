import { describe, expect, it } from 'vitest';
import type { LocalSubmission } from '../../tablet/local-types';
import {
  type AssignmentLike,
  buildTasks,
  canSubmitNow,
  type SubmissionLike,
  type TaskInput,
} from './task-model';

const NOW = new Date('2026-03-10T09:00:00Z');
const ME = 'learner-me';
const OTHER = 'learner-other';

function task(id: string, over: Partial<AssignmentLike> = {}): AssignmentLike {
  return {
    id,
    classId: 'class-a',
    kind: 'task',
    contentId: null,
    title: `Task ${id}`,
    instructions: 'Draw the water cycle',
    attachments: [],
    learnerIds: null,
    openAt: '2026-03-01T00:00:00Z',
    dueAt: '2026-03-12T12:00:00Z',
    closedAt: null,
    maxPoints: 20,
    ...over,
  };
}
function local(assignmentId: string, over: Partial<LocalSubmission> = {}): LocalSubmission {
  return {
    learnerId: ME,
    assignmentId,
    submissionId: `sub-${assignmentId}`,
    submittedAt: '2026-03-09T10:00:00Z',
    text: 'my answer',
    media: [{ hash: 'a'.repeat(64), mime: 'image/webp', bytes: 10, kind: 'photo' }],
    lastDeviceSeq: 7,
    ...over,
  };
}
function server(assignmentId: string, over: Partial<SubmissionLike> = {}): SubmissionLike {
  return {
    id: `sub-${assignmentId}`,
    assignmentId,
    learnerId: ME,
    state: 'submitted',
    late: false,
    submittedAt: '2026-03-09T10:00:00Z',
    text: 'my answer',
    media: [],
    returned: null,
    ...over,
  };
}
const RETURNED = {
  points: 10,
  maxPoints: 20,
  rubric: null,
  feedbackText: 'Bien',
  feedbackVoice: null,
  returnedAt: '2026-03-09T15:00:00Z',
};

function input(over: Partial<TaskInput> = {}): TaskInput {
  return {
    learnerId: ME,
    classIds: new Set(['class-a']),
    assignments: [task('t1')],
    submissions: [],
    local: [],
    ackedSeq: 0,
    now: NOW,
    ...over,
  };
}
const one = (over: Partial<TaskInput>) => buildTasks(input(over))[0]!;

describe('the learner’s tasks', () => {
  it('lists tasks of the learner’s class, for the whole class or naming them, once open', () => {
    const tasks = buildTasks(
      input({
        assignments: [
          task('class'),
          task('chosen', { learnerIds: [ME] }),
          task('others', { learnerIds: [OTHER] }),
          task('other-class', { classId: 'class-b' }),
          task('not-open', { openAt: '2026-03-11T00:00:00Z' }),
          { ...task('lesson'), kind: 'lesson', contentId: 'c1' },
        ],
      }),
    );
    expect(tasks.map((t) => t.assignment.id).sort()).toEqual(['chosen', 'class']);
  });

  it('says "waiting to send" until the server acknowledges the event, then "sent"', () => {
    expect(one({ local: [local('t1')], ackedSeq: 6 }).status).toBe('waiting');
    expect(one({ local: [local('t1')], ackedSeq: 7 }).status).toBe('sent');
    // The server's row arrived: still sent (not yet graded is never missing).
    expect(one({ local: [local('t1')], ackedSeq: 7, submissions: [server('t1')] }).status).toBe('sent');
  });

  it('shows returned work with its grade, and a newer attempt over a returned one', () => {
    const returned = server('t1', { state: 'returned', returned: RETURNED });
    const item = one({ local: [local('t1')], ackedSeq: 7, submissions: [returned] });
    expect(item.status).toBe('returned');
    expect(item.returned?.points).toBe(10);
    expect(canSubmitNow(item)).toBe(true);
    const again = local('t1', {
      submissionId: 'sub-2',
      submittedAt: '2026-03-10T08:00:00Z',
      lastDeviceSeq: 9,
    });
    const next = one({ local: [again], ackedSeq: 7, submissions: [returned] });
    expect(next.status).toBe('waiting');
    expect(next.returned).toBeNull();
    expect(canSubmitNow(next)).toBe(false);
  });

  it('never shows a grade the teacher has not returned', () => {
    const graded = server('t1', { state: 'submitted', returned: RETURNED });
    expect(one({ submissions: [graded] }).returned).toBeNull();
  });

  it('marks work sent after the due date late, and a past-due task with nothing sent overdue', () => {
    const due = { assignments: [task('t1', { dueAt: '2026-03-08T12:00:00Z' })] };
    expect(one({ ...due, local: [local('t1')] }).late).toBe(true);
    expect(one({ ...due, local: [local('t1', { submittedAt: '2026-03-08T11:00:00Z' })] }).late).toBe(false);
    const nothing = one(due);
    expect(nothing).toMatchObject({ status: 'todo', overdue: true, late: false });
    expect(one({}).overdue).toBe(false);
  });

  it('a closed task takes no new work', () => {
    const item = one({ assignments: [task('t1', { closedAt: '2026-03-09T00:00:00Z' })] });
    expect(item.closed).toBe(true);
    expect(canSubmitNow(item)).toBe(false);
  });

  it('ignores another learner’s submissions on a shared tablet', () => {
    const theirs = server('t1', { learnerId: OTHER, state: 'returned', returned: RETURNED });
    const item = one({ submissions: [theirs], local: [local('t1', { learnerId: OTHER })] });
    expect(item.status).toBe('todo');
  });

  it('puts what is to do first, by due date', () => {
    const tasks = buildTasks(
      input({
        assignments: [task('sent'), task('late-due', { dueAt: '2026-03-20T00:00:00Z' }), task('soon')],
        local: [local('sent')],
        ackedSeq: 10,
      }),
    );
    expect(tasks.map((t) => t.assignment.id)).toEqual(['soon', 'late-due', 'sent']);
  });
});
