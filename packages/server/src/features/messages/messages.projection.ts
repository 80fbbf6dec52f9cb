import type { SyncRow } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// The rows of this feature that tablets hold (called from sync/projection.ts): a class's live
// announcements in its class scope, and each learner's comment threads in their learner scope —
// so a tablet handed to one learner never receives another learner's thread.

type Out<E extends 'announcement' | 'comment'> = (scopeId: string, key: string, data: SyncRow<E>) => void;

const fullName = (u: { givenName: string | null; familyName: string | null }) =>
  [u.givenName, u.familyName].filter(Boolean).join(' ');

export async function projectAnnouncements(db: Kysely<DB>, classIds: string[], out: Out<'announcement'>) {
  const rows = await db
    .selectFrom('announcements as a')
    .innerJoin('users as u', 'u.id', 'a.authorId')
    .leftJoin('media as audio', 'audio.hash', 'a.audioHash')
    .leftJoin('media as file', 'file.hash', 'a.attachmentHash')
    .select([
      'a.id',
      'a.classId',
      'a.body',
      'a.audioHash',
      'audio.mime as audioMime',
      'audio.bytes as audioBytes',
      'a.attachmentHash',
      'a.attachmentName',
      'file.mime as fileMime',
      'file.bytes as fileBytes',
      'a.createdAt',
      'u.givenName',
      'u.familyName',
    ])
    .where('a.classId', 'in', classIds)
    .where('a.deletedAt', 'is', null)
    .execute();
  for (const a of rows)
    out(a.classId, a.id, {
      id: a.id,
      classId: a.classId,
      body: a.body,
      audio:
        a.audioHash && a.audioMime
          ? { hash: a.audioHash, mime: a.audioMime, bytes: Number(a.audioBytes) }
          : null,
      attachment:
        a.attachmentHash && a.fileMime
          ? {
              hash: a.attachmentHash,
              mime: a.fileMime,
              bytes: Number(a.fileBytes),
              name: a.attachmentName ?? '',
            }
          : null,
      authorName: fullName(a),
      createdAt: a.createdAt,
    });
}

export async function projectComments(db: Kysely<DB>, learnerIds: string[], out: Out<'comment'>) {
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.authorId')
    .select([
      'c.id',
      'c.assignmentId',
      'c.learnerId',
      'c.authorId',
      'c.authorRole',
      'c.body',
      'c.createdAt',
      'u.givenName',
      'u.familyName',
    ])
    .where('c.learnerId', 'in', learnerIds)
    .execute();
  for (const c of rows)
    out(c.learnerId, c.id, {
      id: c.id,
      assignmentId: c.assignmentId,
      learnerId: c.learnerId,
      authorId: c.authorId,
      authorName: fullName(c),
      authorRole: c.authorRole,
      body: c.body,
      createdAt: c.createdAt,
    });
}
