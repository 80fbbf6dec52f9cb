import { announcementPostedPayload, teacherCommentPostedPayload } from '@lawh/shared';
import type { TeacherEventHandler } from '../teacher-events/handlers';
import { messagesService } from './messages.service';

// Announcements and comments from the teacher outbox (registered in teacher-events/handlers.ts).
// Each calls the same service as the REST route with the event's ids, so a resent event finds its
// first result and changes nothing.

export const announcementPosted: TeacherEventHandler<typeof announcementPostedPayload> = {
  kind: 'announcement.posted',
  v: 1,
  payload: announcementPostedPayload,
  apply: (db, auth, p) =>
    messagesService(db).postAnnouncement(auth, p.classId, {
      id: p.announcementId,
      body: p.body,
      audio: p.audio,
      attachment: p.attachment,
    }),
};

export const teacherCommentPosted: TeacherEventHandler<typeof teacherCommentPostedPayload> = {
  kind: 'comment.posted',
  v: 1,
  payload: teacherCommentPostedPayload,
  apply: (db, auth, p) =>
    messagesService(db).reply(auth, p.assignmentId, p.learnerId, { id: p.commentId, body: p.body }),
};
