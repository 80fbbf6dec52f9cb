import type { SyncEvent } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import { applySubmissions } from '../classroom/submissions.apply';
import { applyCommentsPosted } from '../messages/messages.apply';
import { lockChangeLog, writeRows } from './change-log';
import { applyEvent, type Progress, type ProgressEvent, progressKey } from './progress';
import { type ProjectedRow, progressRow } from './projection';
import { learnerScope } from './scopes';
import { syncRepository as repo } from './sync.repository';

// What stored events change on the server. Push calls this inside its transaction with the events
// it has just stored (each once) and that passed checkEvent; each feature that applies events adds
// its applier here. An applier returns the scopes whose rows it changed, to poke live tablets.

const PROGRESS_KINDS = new Set(['lesson.opened', 'lesson.completed', 'quiz.answered', 'quiz.completed']);

export async function applyEvents(
  trx: Kysely<DB>,
  dialect: Database['dialect'],
  events: SyncEvent[],
  /** actorId → role in the tablet's school ('learner' or 'teacher'). */
  members: ReadonlyMap<string, string>,
  now: string,
): Promise<string[]> {
  const progress = events.filter((e) => PROGRESS_KINDS.has(e.kind) && members.get(e.actorId) === 'learner');
  const scopes = await applyProgress(trx, dialect, progress as unknown as ProgressEvent[], now);
  scopes.push(...(await applyCommentsPosted(trx, dialect, events, members, now)));
  scopes.push(...(await applySubmissions(trx, dialect, events, members, now)));
  return scopes;
}

/** Folds events into progress rows and appends the changed rows to the learners' scopes. */
async function applyProgress(
  trx: Kysely<DB>,
  dialect: Database['dialect'],
  events: ProgressEvent[],
  now: string,
): Promise<string[]> {
  if (events.length === 0) return [];
  // Progress rows are read, folded and logged under the change-log lock, so two tablets pushing
  // for one learner at once on PostgreSQL cannot lose each other's update.
  await lockChangeLog(trx, dialect);
  // Each event's key is made once: a batch has up to 2,000 events and a few hundred keys.
  const keyOf = events.map((e) => progressKey(e.actorId, e.payload.contentId));
  const keys = new Map<string, { learnerId: string; contentId: string }>();
  events.forEach((e, i) => {
    const k = keyOf[i] as string;
    if (!keys.has(k)) keys.set(k, { learnerId: e.actorId, contentId: e.payload.contentId });
  });
  const rows = new Map<string, Progress>(
    (await repo.progressRows(trx, dialect, [...keys.values()])).map((r) => [
      progressKey(r.learnerId, r.contentId),
      r,
    ]),
  );
  events.forEach((e, i) => {
    const k = keyOf[i] as string;
    rows.set(k, applyEvent(rows.get(k) ?? null, e));
  });
  const changed = [...keys.keys()].map((k) => rows.get(k) as Progress);
  await repo.saveProgress(trx, dialect, changed, now);
  const byLearner = new Map<string, ProjectedRow[]>();
  for (const r of changed) {
    const scope = learnerScope(r.learnerId);
    const list = byLearner.get(scope);
    if (list) list.push(progressRow(r));
    else byLearner.set(scope, [progressRow(r)]);
  }
  await writeRows(trx, dialect, byLearner, false, now);
  return [...byLearner.keys()];
}
