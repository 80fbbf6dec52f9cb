import { isQuietTime, type QuietHours } from '@lawh/shared/lib/quiet-hours';

// Announcements and notifications on the tablet, as pure data. Zod-free (imported by the learner
// home and the tablet frame, which are in the first bundle).

/** The `announcement` sync row (class scope). */
export interface AnnouncementLike {
  id: string;
  classId: string;
  body: string;
  audio: { hash: string; mime: string; bytes: number } | null;
  attachment: { hash: string; mime: string; bytes: number; name: string } | null;
  authorName: string;
  createdAt: string;
}

/** The `comment` sync row (learner scope). */
export interface CommentLike {
  id: string;
  assignmentId: string;
  learnerId: string;
  authorId: string;
  authorName: string;
  authorRole: 'teacher' | 'learner';
  body: string;
  createdAt: string;
}

/** The announcements of the learner's classes, newest first. */
export function learnerAnnouncements<A extends AnnouncementLike>(
  learnerId: string,
  enrolments: ReadonlyArray<{ classId: string; learnerId: string }>,
  announcements: readonly A[],
): A[] {
  const classes = new Set(enrolments.filter((e) => e.learnerId === learnerId).map((e) => e.classId));
  return announcements
    .filter((a) => classes.has(a.classId))
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
    );
}

/** The files announcements bring, for the media download manager (kept while the row lives). */
export function announcementMedia(
  announcements: readonly AnnouncementLike[],
): Array<{ media: Array<{ hash: string; bytes: number; mime: string }> }> {
  return announcements.map((a) => ({
    media: [a.audio, a.attachment]
      .filter((m): m is NonNullable<typeof m> => m !== null)
      .map(({ hash, bytes, mime }) => ({ hash, bytes, mime })),
  }));
}

/** A thread on the tablet: the server's comments, then the learner's own still in the outbox. */
export interface ThreadEntry {
  id: string;
  body: string;
  authorRole: 'teacher' | 'learner';
  authorName: string;
  createdAt: string;
  waiting: boolean;
}

/** One learner's thread on one task, oldest first; a queued comment the server already holds shows once. */
export function threadOf(
  learnerId: string,
  assignmentId: string,
  comments: readonly CommentLike[],
  queued: ReadonlyArray<{
    actorId: string;
    kind: string;
    clientTs: string;
    payload: Record<string, unknown>;
  }>,
): ThreadEntry[] {
  const held = comments
    .filter((c) => c.learnerId === learnerId && c.assignmentId === assignmentId)
    .map((c) => ({ ...c, waiting: false }));
  const ids = new Set(held.map((c) => c.id));
  const waiting = queued
    .filter(
      (e) =>
        e.kind === 'comment.posted' &&
        e.actorId === learnerId &&
        e.payload.assignmentId === assignmentId &&
        !ids.has(String(e.payload.commentId)),
    )
    .map((e) => ({
      id: String(e.payload.commentId),
      body: String(e.payload.body ?? ''),
      authorRole: 'learner' as const,
      authorName: '',
      createdAt: e.clientTs,
      waiting: true,
    }));
  return [...held, ...waiting].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Something worth telling the learner about: a new announcement, or work returned with feedback. */
export type Notifiable =
  | { key: string; kind: 'announcement'; announcement: AnnouncementLike }
  | { key: string; kind: 'returned'; learnerId: string; assignmentId: string };

/** What the tablet has not told anyone about yet, among the rows it holds. */
export function newNotifiables(
  seen: ReadonlySet<string>,
  announcements: readonly AnnouncementLike[],
  submissions: ReadonlyArray<{
    id: string;
    learnerId: string;
    assignmentId: string;
    returned: { returnedAt: string } | null;
  }>,
): Notifiable[] {
  const out: Notifiable[] = [];
  for (const a of announcements) {
    const key = `a:${a.id}`;
    if (!seen.has(key)) out.push({ key, kind: 'announcement', announcement: a });
  }
  for (const s of submissions) {
    if (!s.returned) continue;
    // Returned again after a resubmission is news again.
    const key = `r:${s.id}@${s.returned.returnedAt}`;
    if (!seen.has(key))
      out.push({ key, kind: 'returned', learnerId: s.learnerId, assignmentId: s.assignmentId });
  }
  return out;
}

/**
 * How to tell: a system notification only when the learner allowed them and it is not the school's
 * quiet hours; otherwise the news waits in the app (the home's list and its "new" marks).
 */
export function notificationChannel(
  now: Date,
  quietHours: QuietHours | null | undefined,
  permission: 'granted' | 'denied' | 'default' | 'unsupported',
): 'system' | 'in-app' {
  if (permission !== 'granted') return 'in-app';
  return isQuietTime(now, quietHours) ? 'in-app' : 'system';
}
