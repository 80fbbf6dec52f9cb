import type { eventPayloads } from '@lawh/shared';
import type { z } from 'zod';
import type { LearnerProgressTable } from '../../db/schema';

// Progress and mastery per learner and content item, folded from events. Every step is commutative
// (counts add up, status and best score only rise, times widen), so events from several tablets
// give the same row in any order; each event is applied once because it is stored once.

type Payload<K extends keyof typeof eventPayloads> = z.infer<(typeof eventPayloads)[K][1]>;
export type ProgressEvent =
  | { kind: 'lesson.opened'; actorId: string; clientTs: string; payload: Payload<'lesson.opened'> }
  | { kind: 'lesson.completed'; actorId: string; clientTs: string; payload: Payload<'lesson.completed'> }
  | { kind: 'quiz.answered'; actorId: string; clientTs: string; payload: Payload<'quiz.answered'> }
  | { kind: 'quiz.completed'; actorId: string; clientTs: string; payload: Payload<'quiz.completed'> };

export type Progress = Omit<LearnerProgressTable, 'updatedAt'>;
type Status = Progress['status'];
const RANK: Record<Status, number> = { started: 0, completed: 1, mastered: 2 };
const higher = (a: Status, b: Status): Status => (RANK[b] > RANK[a] ? b : a);

export const progressKey = (learnerId: string, contentId: string) => `${learnerId}\u0000${contentId}`;

/** Folds one event into the learner's row for that content (null: no row yet). */
export function applyEvent(row: Progress | null, e: ProgressEvent): Progress {
  const p = e.payload;
  const r: Progress = row
    ? { ...row }
    : {
        learnerId: e.actorId,
        contentId: p.contentId,
        contentVersion: p.version,
        status: 'started',
        score: null,
        attempts: 0,
        correct: 0,
        answered: 0,
        firstAt: e.clientTs,
        lastAt: e.clientTs,
      };
  r.contentVersion = Math.max(r.contentVersion, p.version);
  if (e.clientTs < r.firstAt) r.firstAt = e.clientTs;
  if (e.clientTs > r.lastAt) r.lastAt = e.clientTs;
  switch (e.kind) {
    case 'lesson.opened':
      break;
    case 'lesson.completed':
      r.attempts += 1;
      r.status = higher(r.status, 'completed');
      break;
    case 'quiz.answered':
      r.answered += 1;
      if (e.payload.correct) r.correct += 1;
      break;
    case 'quiz.completed':
      r.attempts += 1;
      r.score = Math.max(r.score ?? 0, e.payload.score);
      r.status = higher(r.status, e.payload.mastered ? 'mastered' : 'completed');
      break;
  }
  return r;
}
