import {
  deriveState,
  type GradeInput,
  type GradingQueue,
  type Rubric,
  type SubmissionAttempt,
  step,
} from '@lawh/shared';
import type { Kysely, Selectable } from 'kysely';
import { type Auth, assertCanAssignToClass } from '../../auth/policy';
import type { DB, SubmissionsTable } from '../../db/schema';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { assignmentsRepository } from '../assignments/assignments.repository';
import { pokeScopes } from '../sync/live';
import { learnerScope } from '../sync/scopes';
import { audienceOf } from './classroom.projection';

// The grading queue of a task and the grades (issue 5). Staff who may set the class's work grade
// it; a grade reaches the learner's tablet only once returned (projection: classroom.projection.ts).

type Db = Kysely<DB>;
type Row = Selectable<SubmissionsTable>;

/** A grade outside the task's scale: 400 naming the field. */
const outOfScale = (field: string, message: string) =>
  new AppError(400, 'out_of_scale', `${field}: ${message}`, { field });

export function gradingService(db: Db) {
  /** The task and its class, if the user may grade it (a class they cannot see does not exist for them). */
  const taskFor = async (auth: Auth, assignmentId: string) => {
    const task = await db
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', assignmentId)
      .executeTakeFirst();
    const cls = task && (await assignmentsRepository.findClass(db, auth, task.classId));
    if (!task || !cls) throw notFound('Assignment');
    assertCanAssignToClass(auth, cls);
    return task;
  };

  const attemptFor = async (auth: Auth, id: string) => {
    const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Submission');
    const task = await taskFor(auth, row.assignmentId).catch(() => {
      throw notFound('Submission');
    });
    return { row, task };
  };

  const voice = async (hashes: string[]) =>
    new Map(
      (hashes.length
        ? await db.selectFrom('media').select(['hash', 'mime', 'bytes']).where('hash', 'in', hashes).execute()
        : []
      ).map((m) => [m.hash, { hash: m.hash, mime: m.mime, bytes: Number(m.bytes) }]),
    );

  const toAttempt = (
    r: Row,
    voices: Map<string, { hash: string; mime: string; bytes: number }>,
  ): SubmissionAttempt => ({
    id: r.id,
    attempt: Number(r.attempt),
    late: Boolean(r.late),
    submittedAt: r.submittedAt,
    text: r.text,
    media: JSON.parse(r.media),
    points: r.points === null ? null : Number(r.points),
    rubric: r.rubricChoices ? JSON.parse(r.rubricChoices) : null,
    feedbackText: r.feedbackText,
    feedbackVoice: r.feedbackVoiceHash ? (voices.get(r.feedbackVoiceHash) ?? null) : null,
    gradedAt: r.gradedAt,
    returnedAt: r.returnedAt,
  });

  /** Checks a grade against the task's scale and gives the points it is worth. */
  const scored = (task: { rubric: string | null; maxPoints: number | null }, g: GradeInput) => {
    if (task.rubric) {
      const rubric = JSON.parse(task.rubric) as Rubric;
      if (g.points !== undefined && g.points !== null)
        throw outOfScale('points', 'this task is graded with its rubric');
      if (!g.rubric) return { points: null, choices: null };
      if (g.rubric.length !== rubric.length)
        throw outOfScale('rubric', `choose one level for each of the ${rubric.length} criteria`);
      let points = 0;
      const seen = new Set<number>();
      g.rubric.forEach((c, i) => {
        const criterion = rubric[c.criterion];
        if (!criterion || seen.has(c.criterion))
          throw outOfScale(`rubric.${i}.criterion`, 'no such criterion, or chosen twice');
        seen.add(c.criterion);
        const level = criterion.levels[c.level];
        if (!level)
          throw outOfScale(
            `rubric.${i}.level`,
            `"${criterion.criterion}" has ${criterion.levels.length} levels`,
          );
        points += level.points;
      });
      return { points, choices: JSON.stringify([...g.rubric].sort((a, b) => a.criterion - b.criterion)) };
    }
    if (g.rubric) throw outOfScale('rubric', 'this task has no rubric');
    if (g.points === undefined || g.points === null) return { points: null, choices: null };
    if (task.maxPoints === null) throw outOfScale('points', 'this task is not graded with points');
    const max = Number(task.maxPoints);
    if (!(g.points >= 0 && g.points <= max)) throw outOfScale('points', `must be between 0 and ${max}`);
    return { points: g.points, choices: null };
  };

  return {
    /** Every learner the task is for, with their state and attempts (latest first). */
    async queue(auth: Auth, assignmentId: string): Promise<GradingQueue> {
      const task = await taskFor(auth, assignmentId);
      const enrolled = await db
        .selectFrom('enrolments')
        .innerJoin('users', 'users.id', 'enrolments.userId')
        .select(['users.id', 'users.givenName', 'users.familyName', 'users.nameAr'])
        .where('enrolments.classId', '=', task.classId)
        .where('enrolments.role', '=', 'learner')
        .where('enrolments.archivedAt', 'is', null)
        .where('users.archivedAt', 'is', null)
        .orderBy('users.familyName')
        .orderBy('users.givenName')
        .execute();
      const audience = (await audienceOf(db, [task])).get(task.id);
      const rows = await db
        .selectFrom('submissions')
        .selectAll()
        .where('assignmentId', '=', task.id)
        .orderBy('attempt', 'desc')
        .execute();
      const voices = await voice([
        ...new Set(rows.flatMap((r) => (r.feedbackVoiceHash ? [r.feedbackVoiceHash] : []))),
      ]);
      const now = nowIso();
      // The audience, plus anyone who sent work before the audience changed (nothing is hidden).
      const sent = new Set(rows.map((r) => r.learnerId));
      const learners = enrolled.filter((l) => !audience || audience.includes(l.id) || sent.has(l.id));
      return {
        entries: learners.map((l) => {
          const mine = rows.filter((r) => r.learnerId === l.id);
          const latest = mine[0] ?? null;
          return {
            learnerId: l.id,
            name: `${l.givenName} ${l.familyName}`,
            nameAr: l.nameAr || null,
            state: deriveState(latest && { ...latest, late: Boolean(latest.late) }, task.dueAt, now),
            latest: latest && toAttempt(latest, voices),
            earlier: mine.slice(1).map((r) => toAttempt(r, voices)),
          };
        }),
      };
    },

    /** Sets the grade of the latest attempt whole; `returned` also returns it. A resend changes nothing. */
    async grade(auth: Auth, submissionId: string, g: GradeInput): Promise<SubmissionAttempt> {
      const { row, task } = await attemptFor(auth, submissionId);
      const newer = await db
        .selectFrom('submissions')
        .select('id')
        .where('assignmentId', '=', row.assignmentId)
        .where('learnerId', '=', row.learnerId)
        .where('attempt', '>', row.attempt)
        .executeTakeFirst();
      if (newer) throw conflict('submissionId', 'The learner sent a newer answer; grade that one');
      const { points, choices } = scored(task, g);
      const feedbackText = g.feedbackText === undefined ? row.feedbackText : g.feedbackText?.trim() || null;
      const feedbackVoiceHash =
        g.feedbackVoiceHash === undefined ? row.feedbackVoiceHash : g.feedbackVoiceHash;
      if (feedbackVoiceHash) {
        const m = (await voice([feedbackVoiceHash])).get(feedbackVoiceHash);
        if (!m?.mime.startsWith('audio/')) throw invalid('feedbackVoiceHash', 'no such uploaded recording');
      }
      const voices = await voice(feedbackVoiceHash ? [feedbackVoiceHash] : []);
      const state =
        row.state === 'returned'
          ? 'returned'
          : row.state === 'graded'
            ? 'graded'
            : row.late
              ? 'late'
              : 'submitted';
      const same =
        points === (row.points === null ? null : Number(row.points)) &&
        choices === row.rubricChoices &&
        feedbackText === row.feedbackText &&
        feedbackVoiceHash === row.feedbackVoiceHash;
      if (state === 'returned') {
        // Returned work is the learner's: a resend of the same grade is fine, a different one is not.
        if (same) return toAttempt(row, voices);
        throw conflict('returned', 'This work was already returned; the learner can send it again');
      }
      const graded = step(state, { type: 'grade' }, task);
      if (!graded.ok) throw conflict('state', 'Nothing to grade yet');
      const now = nowIso();
      const returning = g.returned === true;
      await db
        .updateTable('submissions')
        .set({
          points,
          rubricChoices: choices,
          feedbackText,
          feedbackVoiceHash,
          gradedBy: auth.userId,
          gradedAt: now,
          state: returning ? 'returned' : 'graded',
          returnedAt: returning ? now : null,
        })
        .where('id', '=', row.id)
        .execute();
      if (returning) pokeScopes([learnerScope(row.learnerId)]);
      const updated = await db
        .selectFrom('submissions')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      return toAttempt(updated, voices);
    },

    /** Returns graded work: it reaches the learner's tablet on the next sync. Returning twice changes nothing. */
    async return(auth: Auth, submissionId: string): Promise<SubmissionAttempt> {
      const { row } = await attemptFor(auth, submissionId);
      if (row.state === 'submitted') throw conflict('state', 'Grade this work before returning it');
      if (row.state === 'graded') {
        await db
          .updateTable('submissions')
          .set({ state: 'returned', returnedAt: nowIso() })
          .where('id', '=', row.id)
          .execute();
        pokeScopes([learnerScope(row.learnerId)]);
      }
      const updated = await db
        .selectFrom('submissions')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      return toAttempt(updated, await voice(updated.feedbackVoiceHash ? [updated.feedbackVoiceHash] : []));
    },
  };
}
