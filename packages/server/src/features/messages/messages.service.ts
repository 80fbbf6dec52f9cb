import type {
  Announcement,
  AnnouncementInput,
  Comment,
  CommentInput,
  CommentThread,
  CommentThreadList,
} from '@lawh/shared';
import { newId } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanAnnounceToClass, assertCanUseThread } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { audienceOf } from '../classroom/classroom.projection';
import { pokeScopes } from '../sync/live';
import { classScope, learnerScope } from '../sync/scopes';
import { type AnnouncementRow, type CommentRow, messagesRepository as repo } from './messages.repository';

const nameOf = (u: { givenName: string | null; familyName: string | null }) =>
  [u.givenName, u.familyName].filter(Boolean).join(' ');

export const announcementToApi = (a: AnnouncementRow): Announcement => ({
  id: a.id,
  classId: a.classId,
  body: a.body,
  audio:
    a.audioHash && a.audioMime ? { hash: a.audioHash, mime: a.audioMime, bytes: Number(a.audioBytes) } : null,
  attachment:
    a.attachmentHash && a.fileMime
      ? {
          hash: a.attachmentHash,
          mime: a.fileMime,
          bytes: Number(a.fileBytes),
          name: a.attachmentName ?? '',
        }
      : null,
  authorId: a.authorId,
  authorName: nameOf(a),
  createdAt: a.createdAt,
});

export const commentToApi = (c: CommentRow): Comment => ({
  id: c.id,
  assignmentId: c.assignmentId,
  learnerId: c.learnerId,
  authorId: c.authorId,
  authorName: nameOf(c),
  authorRole: c.authorRole,
  body: c.body,
  createdAt: c.createdAt,
});

/**
 * Which of these learners a task is for: active learners of its class, narrowed to the task's
 * audience (groups or chosen learners) when it has one. A thread exists only for them.
 */
export async function learnersOfTask(
  db: Kysely<DB>,
  assignment: { id: string; classId: string },
): Promise<Array<{ id: string; givenName: string; familyName: string; nameAr: string | null }>> {
  const [learners, audience] = await Promise.all([
    repo.classLearners(db, assignment.classId),
    db
      .selectFrom('assignments')
      .select(['id', 'audience'])
      .where('id', '=', assignment.id)
      .execute()
      .then((rows) => audienceOf(db, rows)),
  ]);
  const chosen = audience.get(assignment.id);
  return chosen ? learners.filter((l) => chosen.includes(l.id)) : learners;
}

export function messagesService(db: Kysely<DB>) {
  /** The class if the user may post to it (404 when they cannot see it, 403 when they may only read). */
  const classToPost = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanAnnounceToClass(auth, cls);
    return cls;
  };

  /** The task and its class, if the user may use this learner's thread on it. */
  const threadFor = async (auth: Auth, assignmentId: string, learnerId: string) => {
    const assignment = await repo.findAssignment(db, assignmentId);
    // A task of a class the user cannot see does not exist for them; for a teacher, a visible class
    // is one they teach.
    if (!assignment || !(await repo.findClass(db, auth, assignment.classId))) throw notFound('Assignment');
    assertCanUseThread(auth, { learnerId, teachesClass: auth.role === 'teacher' });
    if (!(await learnersOfTask(db, assignment)).some((l) => l.id === learnerId)) throw notFound('Learner');
    return assignment;
  };

  return {
    /** A class's announcements, newest first: whoever sees the class reads them. */
    async listAnnouncements(auth: Auth, classId: string): Promise<Announcement[]> {
      if (!(await repo.findClass(db, auth, classId))) throw notFound('Class');
      return (await repo.listAnnouncements(db, classId)).map(announcementToApi);
    },

    /**
     * Posts an announcement. With a client-chosen id it is idempotent: the same author posting the
     * same id to the same class gets the first one back (the teacher outbox resends).
     */
    async postAnnouncement(auth: Auth, classId: string, input: AnnouncementInput): Promise<Announcement> {
      const cls = await classToPost(auth, classId);
      if (input.id) {
        const prior = await repo.findAnnouncement(db, input.id);
        if (prior) {
          if (prior.classId !== classId || prior.authorId !== auth.userId)
            throw conflict('id', 'This id is already used');
          return announcementToApi(prior);
        }
      }
      if (cls.archivedAt) throw conflict('classId', 'This class is archived');
      const audio = input.audio ? await repo.media(db, input.audio.hash) : null;
      if (input.audio && !audio) throw invalid('audio', 'no such recording; upload it first');
      if (audio && audio.kind !== 'audio') throw invalid('audio', 'must be a sound recording');
      const file = input.attachment ? await repo.media(db, input.attachment.hash) : null;
      if (input.attachment && !file) throw invalid('attachment', 'no such file; upload it first');
      const id = input.id ?? newId();
      await repo.insertAnnouncement(db, {
        id,
        classId,
        authorId: auth.userId,
        body: input.body,
        audioHash: audio?.hash ?? null,
        attachmentHash: file?.hash ?? null,
        attachmentName: file ? (input.attachment?.name ?? null) : null,
        attachmentMime: file?.mime ?? null,
        createdAt: nowIso(),
        deletedAt: null,
      });
      pokeScopes([classScope(classId)]);
      return announcementToApi((await repo.findAnnouncement(db, id)) as AnnouncementRow);
    },

    /** Takes an announcement off the class's tablets. Deleting twice changes nothing. */
    async deleteAnnouncement(auth: Auth, classId: string, id: string): Promise<void> {
      await classToPost(auth, classId);
      const a = await repo.findAnnouncement(db, id);
      if (!a || a.classId !== classId) throw notFound('Announcement');
      if (a.deletedAt) return;
      await repo.deleteAnnouncement(db, id, nowIso());
      pokeScopes([classScope(classId)]);
    },

    /** The threads of a task for its teacher: one per learner it is for, with or without comments. */
    async listThreads(auth: Auth, assignmentId: string): Promise<CommentThreadList> {
      const assignment = await repo.findAssignment(db, assignmentId);
      if (!assignment || !(await repo.findClass(db, auth, assignment.classId))) throw notFound('Assignment');
      assertCanUseThread(auth, { learnerId: '', teachesClass: auth.role === 'teacher' });
      const [learners, comments] = await Promise.all([
        learnersOfTask(db, assignment),
        repo.commentsOfTask(db, assignmentId),
      ]);
      const byLearner = new Map<string, CommentRow[]>();
      for (const c of comments) byLearner.set(c.learnerId, [...(byLearner.get(c.learnerId) ?? []), c]);
      const items = learners.map((l): CommentThread => {
        const thread = byLearner.get(l.id) ?? [];
        const last = thread.at(-1);
        return {
          learnerId: l.id,
          learnerName: nameOf(l),
          learnerNameAr: l.nameAr || null,
          count: thread.length,
          lastAt: last?.createdAt ?? null,
          lastBody: last?.body ?? null,
          lastAuthorRole: last?.authorRole ?? null,
        };
      });
      const title = assignment.title ?? assignment.contentTitle ?? '';
      return { assignment: { id: assignment.id, classId: assignment.classId, title }, items };
    },

    async thread(auth: Auth, assignmentId: string, learnerId: string): Promise<Comment[]> {
      await threadFor(auth, assignmentId, learnerId);
      return (await repo.thread(db, assignmentId, learnerId)).map(commentToApi);
    },

    /**
     * A teacher's reply in a learner's thread (learners post from their tablet, as `comment.posted`
     * events). Idempotent with a client-chosen id, like announcements.
     */
    async reply(auth: Auth, assignmentId: string, learnerId: string, input: CommentInput): Promise<Comment> {
      const assignment = await threadFor(auth, assignmentId, learnerId);
      if (input.id) {
        const prior = await repo.findComment(db, input.id);
        if (prior) {
          if (
            prior.assignmentId !== assignmentId ||
            prior.learnerId !== learnerId ||
            prior.authorId !== auth.userId
          )
            throw conflict('id', 'This id is already used');
          return commentToApi(prior);
        }
      }
      if (assignment.withdrawnAt) throw conflict('withdrawn', 'This task was withdrawn');
      const id = input.id ?? newId();
      await repo.insertComments(db, [
        {
          id,
          assignmentId,
          learnerId,
          authorId: auth.userId,
          authorRole: auth.role === 'learner' ? 'learner' : 'teacher',
          body: input.body,
          createdAt: nowIso(),
        },
      ]);
      pokeScopes([learnerScope(learnerId)]);
      return commentToApi((await repo.findComment(db, id)) as CommentRow);
    },
  };
}
