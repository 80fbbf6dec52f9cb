import type { eventPayloads, SyncEvent } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import { lockChangeLog, writeRows } from '../sync/change-log';
import { type ProjectedRow, projectedRow } from '../sync/projection';
import { learnerScope } from '../sync/scopes';
import { syncRepository } from '../sync/sync.repository';
import { projectComments } from './messages.projection';
import { messagesRepository as repo } from './messages.repository';
import { learnersOfTask } from './messages.service';

// `comment.posted` from tablets (sync/apply.ts calls this inside the push transaction, with events
// stored once and checked against their schema). A learner posts only in their own thread on a task
// that is for them; anything else is moved to the quarantine with its reason, like an event that
// failed the push checks, so an admin sees it and nothing of it is applied.

type CommentPosted = z.infer<(typeof eventPayloads)['comment.posted'][1]>;

/** Why this comment may not be applied; null when it may. */
async function ruleBroken(trx: Kysely<DB>, e: SyncEvent, p: CommentPosted, role: string | undefined) {
  if (role !== 'learner') return 'not_a_learner: only learners post comments from a tablet';
  if (p.learnerId !== e.actorId) return 'not_own_thread: a learner posts only in their own thread';
  const assignment = await repo.findAssignment(trx, p.assignmentId);
  if (!assignment) return `unknown_assignment: ${p.assignmentId}`;
  if (!(await learnersOfTask(trx, assignment)).some((l) => l.id === p.learnerId))
    return 'not_learners_task: the task is not for this learner';
  if (assignment.withdrawnAt) return 'withdrawn: the task was withdrawn';
  return null;
}

export async function applyCommentsPosted(
  trx: Kysely<DB>,
  dialect: Database['dialect'],
  events: SyncEvent[],
  members: ReadonlyMap<string, string>,
  now: string,
): Promise<string[]> {
  const posted = events.filter((e) => e.kind === 'comment.posted');
  if (posted.length === 0) return [];
  const rows: Parameters<typeof repo.insertComments>[1] = [];
  for (const e of posted) {
    const p = e.payload as CommentPosted;
    const reason = await ruleBroken(trx, e, p, members.get(e.actorId));
    if (reason) {
      await syncRepository.moveToQuarantine(trx, e, reason, now);
      continue;
    }
    rows.push({
      id: p.commentId,
      assignmentId: p.assignmentId,
      learnerId: p.learnerId,
      authorId: e.actorId,
      authorRole: 'learner',
      body: p.body,
      // When the learner wrote it, unless the tablet's clock is ahead of the server's.
      createdAt: e.clientTs < now ? new Date(e.clientTs).toISOString() : now,
    });
  }
  const inserted = await repo.insertComments(trx, rows);
  if (inserted.length === 0) return [];
  // The new rows go to the learners' scopes now, in this transaction, like progress rows.
  await lockChangeLog(trx, dialect);
  const learners = [...new Set(rows.map((r) => r.learnerId))];
  const fresh = new Set(inserted.map((r) => r.id));
  const byScope = new Map<string, ProjectedRow[]>();
  await projectComments(trx, learners, (learnerId, key, data) => {
    if (!fresh.has(key)) return;
    const scope = learnerScope(learnerId);
    byScope.set(scope, [...(byScope.get(scope) ?? []), projectedRow('comment', key, data)]);
  });
  await writeRows(trx, dialect, byScope, false, now);
  return [...byScope.keys()];
}
