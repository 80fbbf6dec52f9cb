import { describe, expect, it } from 'vitest';
import {
  type AnnouncementLike,
  announcementMedia,
  learnerAnnouncements,
  newNotifiables,
  notificationChannel,
  threadOf,
} from './announcements-model';

const ann = (
  id: string,
  classId: string,
  createdAt: string,
  over: Partial<AnnouncementLike> = {},
): AnnouncementLike => ({
  id,
  classId,
  body: `Message ${id}`,
  audio: null,
  attachment: null,
  authorName: 'Mme Idrissi',
  createdAt,
  ...over,
});

describe('announcements on the tablet', () => {
  it("shows the learner's classes' announcements only, newest first", () => {
    const rows = [
      ann('a1', 'c1', '2026-11-20T08:00:00Z'),
      ann('a2', 'c2', '2026-11-21T08:00:00Z'),
      ann('a3', 'c1', '2026-11-22T08:00:00Z'),
    ];
    const enrolments = [
      { classId: 'c1', learnerId: 'salma' },
      { classId: 'c2', learnerId: 'yassine' },
    ];
    expect(learnerAnnouncements('salma', enrolments, rows).map((a) => a.id)).toEqual(['a3', 'a1']);
  });

  it('asks the media manager for recordings and attachments', () => {
    const audio = { hash: 'h1', mime: 'audio/webm', bytes: 10 };
    const attachment = { hash: 'h2', mime: 'application/pdf', bytes: 20, name: 'liste.pdf' };
    expect(announcementMedia([ann('a1', 'c1', 'x', { audio, attachment }), ann('a2', 'c1', 'y')])).toEqual([
      {
        media: [
          { hash: 'h1', mime: 'audio/webm', bytes: 10 },
          { hash: 'h2', mime: 'application/pdf', bytes: 20 },
        ],
      },
      { media: [] },
    ]);
  });
});

describe('a comment thread on the tablet', () => {
  const comment = (
    id: string,
    learnerId: string,
    createdAt: string,
    authorRole: 'teacher' | 'learner' = 'teacher',
  ) => ({
    id,
    assignmentId: 't1',
    learnerId,
    authorId: 'u',
    authorName: 'Mme Idrissi',
    authorRole,
    body: id,
    createdAt,
  });
  const queued = (commentId: string, actorId: string, clientTs: string) => ({
    actorId,
    kind: 'comment.posted',
    clientTs,
    payload: { commentId, assignmentId: 't1', learnerId: actorId, body: `q ${commentId}` },
  });

  it("is the learner's own, with what waits to be sent last, and a comment the server holds shown once", () => {
    const thread = threadOf(
      'salma',
      't1',
      [comment('c1', 'salma', '2026-11-20T08:00:00Z'), comment('c2', 'yassine', '2026-11-20T09:00:00Z')],
      [
        queued('c3', 'salma', '2026-11-21T08:00:00Z'),
        queued('c1', 'salma', '2026-11-20T07:59:00Z'),
        queued('c4', 'yassine', '2026-11-21T08:00:00Z'),
      ],
    );
    expect(thread.map((e) => [e.id, e.waiting])).toEqual([
      ['c1', false],
      ['c3', true],
    ]);
  });
});

describe('notifications', () => {
  const sub = (id: string, returnedAt: string | null) => ({
    id,
    learnerId: 'salma',
    assignmentId: 't1',
    returned: returnedAt ? { returnedAt } : null,
  });

  it('tells about each new announcement and each return once; a second return is news again', () => {
    const first = newNotifiables(
      new Set(),
      [ann('a1', 'c1', 'x')],
      [sub('s1', '2026-11-20T10:00:00Z'), sub('s2', null)],
    );
    expect(first.map((n) => n.key)).toEqual(['a:a1', 'r:s1@2026-11-20T10:00:00Z']);
    const seen = new Set(first.map((n) => n.key));
    expect(newNotifiables(seen, [ann('a1', 'c1', 'x')], [sub('s1', '2026-11-20T10:00:00Z')])).toEqual([]);
    expect(newNotifiables(seen, [], [sub('s1', '2026-11-22T10:00:00Z')]).map((n) => n.key)).toEqual([
      'r:s1@2026-11-22T10:00:00Z',
    ]);
  });

  it('uses a system notification only when allowed and outside quiet hours (21:00–07:00 Casablanca by default)', () => {
    const evening = new Date('2026-11-27T20:30:00Z'); // 21:30 in Casablanca
    const afternoon = new Date('2026-11-27T15:00:00Z'); // 16:00
    const quiet = { start: '21:00', end: '07:00' };
    expect(notificationChannel(afternoon, quiet, 'granted')).toBe('system');
    expect(notificationChannel(evening, quiet, 'granted')).toBe('in-app');
    expect(notificationChannel(afternoon, quiet, 'default')).toBe('in-app');
    expect(notificationChannel(afternoon, quiet, 'denied')).toBe('in-app');
    expect(notificationChannel(evening, { start: '22:00', end: '06:00' }, 'granted')).toBe('system');
  });
});
