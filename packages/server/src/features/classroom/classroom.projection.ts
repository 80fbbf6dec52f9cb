import type { SyncRow } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// The Classroom rows of the sync projection (features/sync/projection.ts calls these): the
// assignment row of a class scope, and the learner's latest attempt at each task in their scope.

type Rubric = { criterion: string; levels: { label: string; points: number }[] }[];
type Choice = { criterion: number; level: number };

/** Who each assignment is for: null for the whole class, else the sorted learner ids. */
export async function audienceOf(
  db: Kysely<DB>,
  assignments: { id: string; audience: string }[],
): Promise<Map<string, string[] | null>> {
  const result = new Map<string, string[] | null>();
  const narrowed = assignments.filter((a) => a.audience !== 'class').map((a) => a.id);
  for (const a of assignments) result.set(a.id, a.audience === 'class' ? null : []);
  if (narrowed.length === 0) return result;
  const chosen = await db
    .selectFrom('assignmentLearners')
    .select(['assignmentId', 'learnerId'])
    .where('assignmentId', 'in', narrowed)
    .union(
      db
        .selectFrom('assignmentGroups')
        .innerJoin('classGroupMembers', 'classGroupMembers.groupId', 'assignmentGroups.groupId')
        .select(['assignmentGroups.assignmentId', 'classGroupMembers.learnerId'])
        .where('assignmentGroups.assignmentId', 'in', narrowed),
    )
    .execute();
  for (const c of chosen) result.get(c.assignmentId)?.push(c.learnerId);
  for (const ids of result.values()) ids?.sort();
  return result;
}

export async function projectAssignments(
  db: Kysely<DB>,
  classIds: string[],
  out: (classId: string, key: string, data: SyncRow<'assignment'>) => void,
): Promise<void> {
  const rows = await db
    .selectFrom('assignments')
    .select([
      'id',
      'classId',
      'kind',
      'contentId',
      'title',
      'instructions',
      'attachments',
      'audience',
      'openAt',
      'dueAt',
      'closedAt',
      'maxPoints',
    ])
    .where('classId', 'in', classIds)
    .where('withdrawnAt', 'is', null)
    .execute();
  const audience = await audienceOf(db, rows);
  for (const a of rows)
    out(a.classId, a.id, {
      id: a.id,
      classId: a.classId,
      kind: a.kind,
      contentId: a.contentId,
      title: a.title,
      instructions: a.instructions,
      attachments: JSON.parse(a.attachments),
      learnerIds: audience.get(a.id) ?? null,
      openAt: a.openAt,
      dueAt: a.dueAt,
      closedAt: a.closedAt,
      maxPoints: a.maxPoints === null ? null : Number(a.maxPoints),
    });
}

/** The named levels of a rubric grade, for the learner. */
export function rubricLines(rubric: string | null, choices: string | null) {
  if (!rubric || !choices) return null;
  const r = JSON.parse(rubric) as Rubric;
  return (JSON.parse(choices) as Choice[]).flatMap((c) => {
    const criterion = r[c.criterion];
    const level = criterion?.levels[c.level];
    return criterion && level
      ? [{ criterion: criterion.criterion, level: level.label, points: level.points }]
      : [];
  });
}

export async function projectSubmissions(
  db: Kysely<DB>,
  learnerIds: string[],
  out: (learnerId: string, key: string, data: SyncRow<'submission'>) => void,
): Promise<void> {
  const rows = await db
    .selectFrom('submissions as s')
    .innerJoin('assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('media as v', 'v.hash', 's.feedbackVoiceHash')
    .select([
      's.id',
      's.assignmentId',
      's.learnerId',
      's.attempt',
      's.state',
      's.late',
      's.submittedAt',
      's.text',
      's.media',
      's.points',
      's.rubricChoices',
      's.feedbackText',
      's.feedbackVoiceHash',
      's.returnedAt',
      'a.maxPoints',
      'a.rubric',
      'v.mime as voiceMime',
      'v.bytes as voiceBytes',
    ])
    .where('s.learnerId', 'in', learnerIds)
    .where('a.withdrawnAt', 'is', null)
    .execute();
  // The latest attempt per (learner, task); older attempts stay on the server.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const k = `${r.learnerId}\u0000${r.assignmentId}`;
    const seen = latest.get(k);
    if (!seen || Number(r.attempt) > Number(seen.attempt)) latest.set(k, r);
  }
  for (const s of latest.values()) {
    const returned = s.state === 'returned' && s.returnedAt !== null;
    out(s.learnerId, s.id, {
      id: s.id,
      assignmentId: s.assignmentId,
      learnerId: s.learnerId,
      state: returned ? 'returned' : 'submitted',
      late: Boolean(s.late),
      submittedAt: s.submittedAt,
      text: s.text,
      media: JSON.parse(s.media),
      // A grade never travels before it is returned.
      returned: returned
        ? {
            points: s.points === null ? null : Number(s.points),
            maxPoints: s.maxPoints === null ? null : Number(s.maxPoints),
            rubric: rubricLines(s.rubric, s.rubricChoices),
            feedbackText: s.feedbackText,
            feedbackVoice:
              s.feedbackVoiceHash && s.voiceMime
                ? { hash: s.feedbackVoiceHash, mime: s.voiceMime, bytes: Number(s.voiceBytes) }
                : null,
            returnedAt: s.returnedAt as string,
          }
        : null,
    });
  }
}
