import {
  canSubmit,
  deriveState,
  type eventPayloads,
  isLate,
  type SyncEvent,
  submissionMediaKind,
} from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import { lockChangeLog, writeRows } from '../sync/change-log';
import { project } from '../sync/projection';
import { learnerScope } from '../sync/scopes';
import { syncRepository } from '../sync/sync.repository';
import { audienceOf } from './classroom.projection';

// Applies `submission.submitted` from the push transaction (features/sync/apply.ts). Each event is
// stored once, so each is applied once. A submission that breaks a rule (the task closed, withdrawn,
// not the learner's, its media not uploaded, the earlier answer being graded) is moved to the
// quarantine with the reason: kept for admins, never silently dropped.

type Payload = z.infer<(typeof eventPayloads)['submission.submitted'][1]>;

export async function applySubmissions(
  trx: Kysely<DB>,
  dialect: Database['dialect'],
  events: SyncEvent[],
  members: ReadonlyMap<string, string>,
  now: string,
): Promise<string[]> {
  const mine = events.filter((e) => e.kind === 'submission.submitted');
  if (mine.length === 0) return [];
  const learners = new Set<string>();
  for (const e of mine) {
    const reason = await applyOne(trx, e, members, now);
    if (reason) await syncRepository.moveToQuarantine(trx, e, reason, now);
    else learners.add(e.actorId);
  }
  if (learners.size === 0) return [];
  // The learner's scope is projected whole: a resubmission replaces the earlier attempt's row.
  await lockChangeLog(trx, dialect);
  const scopes = [...learners].map(learnerScope);
  await writeRows(trx, dialect, await project(trx, scopes), true, now);
  return scopes;
}

/** Stores one submission, or says why not. */
async function applyOne(
  trx: Kysely<DB>,
  e: SyncEvent,
  members: ReadonlyMap<string, string>,
  now: string,
): Promise<string | null> {
  const p = e.payload as unknown as Payload;
  if (members.get(e.actorId) !== 'learner') return 'not_a_learner: only learners submit work';
  const task = await trx
    .selectFrom('assignments')
    .select(['id', 'classId', 'kind', 'audience', 'dueAt', 'closedAt', 'withdrawnAt'])
    .where('id', '=', p.assignmentId)
    .executeTakeFirst();
  if (!task) return `unknown_assignment: no task ${p.assignmentId}`;
  if (task.kind !== 'task') return 'not_a_task: lessons and quizzes are not submitted';
  const enrolled = await trx
    .selectFrom('enrolments')
    .select('id')
    .where('classId', '=', task.classId)
    .where('userId', '=', e.actorId)
    .where('role', '=', 'learner')
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
  const audience = (await audienceOf(trx, [task])).get(task.id);
  if (!enrolled || (audience && !audience.includes(e.actorId)))
    return 'not_for_learner: this task was not given to this learner';

  const existing = await trx
    .selectFrom('submissions')
    .select(['assignmentId', 'learnerId'])
    .where('id', '=', p.submissionId)
    .executeTakeFirst();
  if (existing)
    return existing.assignmentId === task.id && existing.learnerId === e.actorId
      ? null // the same answer sent again under another event: already held
      : 'duplicate_submission: this submission id is taken';

  const hashes = [...new Set(p.media.map((m) => m.hash))];
  const held = hashes.length
    ? await trx.selectFrom('media').select(['hash', 'mime', 'bytes']).where('hash', 'in', hashes).execute()
    : [];
  const byHash = new Map(held.map((m) => [m.hash, m]));
  for (const m of p.media) {
    const h = byHash.get(m.hash);
    if (!h) return `media_missing: ${m.hash} was not uploaded`;
    if (submissionMediaKind(h.mime) !== m.kind)
      return `media_mismatch: ${m.hash} is ${h.mime}, not a ${m.kind}`;
  }

  const latest = await trx
    .selectFrom('submissions')
    .select(['attempt', 'submittedAt', 'late', 'gradedAt', 'returnedAt'])
    .where('assignmentId', '=', task.id)
    .where('learnerId', '=', e.actorId)
    .orderBy('attempt', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Work is dated by the tablet's clock (it was done offline), never later than its arrival.
  const submittedAt = new Date(Math.min(Date.parse(e.clientTs), Date.parse(now))).toISOString();
  const state = deriveState(latest ? { ...latest, late: Boolean(latest.late) } : null, task.dueAt, now);
  const verdict = canSubmit(state, task, submittedAt);
  if (!verdict.ok)
    return {
      closed: 'closed: the teacher closed this task',
      withdrawn: 'withdrawn: the teacher withdrew this task',
      being_graded: 'being_graded: the teacher is grading the earlier answer; send again once it is returned',
    }[verdict.reason as 'closed' | 'withdrawn' | 'being_graded'];

  await trx
    .insertInto('submissions')
    .values({
      id: p.submissionId,
      assignmentId: task.id,
      learnerId: e.actorId,
      attempt: (latest ? Number(latest.attempt) : 0) + 1,
      state: 'submitted',
      late: isLate(submittedAt, task.dueAt) ? 1 : 0,
      text: p.text,
      media: JSON.stringify(
        p.media.map((m) => {
          const h = byHash.get(m.hash);
          return { hash: m.hash, mime: h?.mime ?? m.mime, bytes: Number(h?.bytes ?? m.bytes), kind: m.kind };
        }),
      ),
      submittedAt,
      receivedAt: now,
      eventId: e.id,
      points: null,
      rubricChoices: null,
      feedbackText: null,
      feedbackVoiceHash: null,
      gradedBy: null,
      gradedAt: null,
      returnedAt: null,
    })
    .execute();
  return null;
}
