import type { SyncRow } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import type { LocalWork } from '../../tablet/local-types';
import { buildHome, dueState, type HomeInput, learnerName, sortLearners } from './home-model';

const NOW = new Date('2026-03-10T09:00:00Z');
const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const CLASS_A = 'class-a';
const CLASS_B = 'class-b';

function content(id: string, over: Partial<SyncRow<'content'>> = {}): SyncRow<'content'> {
  return {
    id,
    kind: 'lesson',
    version: 1,
    title: `Title ${id}`,
    language: 'ar',
    unit: 'Unit 1',
    subject: 'mathematics',
    level: '1AP',
    body: { blocks: [] },
    media: [],
    ...over,
  };
}
function assignment(
  id: string,
  classId: string,
  contentId: string,
  dueAt: string | null,
  over: Partial<SyncRow<'assignment'>> = {},
): SyncRow<'assignment'> {
  return {
    id,
    classId,
    kind: 'lesson',
    contentId,
    title: null,
    instructions: null,
    attachments: [],
    learnerIds: null,
    openAt: '2026-03-01T00:00:00Z',
    dueAt,
    closedAt: null,
    maxPoints: null,
    ...over,
  };
}
function work(learnerId: string, contentId: string, over: Partial<LocalWork> = {}): LocalWork {
  return {
    learnerId,
    contentId,
    version: 1,
    status: 'started',
    score: null,
    attempts: 0,
    lastAt: '2026-03-09T10:00:00Z',
    lastDeviceSeq: 5,
    ...over,
  };
}

function input(over: Partial<HomeInput> = {}): HomeInput {
  return {
    learnerId: A,
    enrolments: [
      { classId: CLASS_A, learnerId: A },
      { classId: CLASS_B, learnerId: B },
    ],
    assignments: [
      assignment('as1', CLASS_A, 'later', '2026-03-20T12:00:00Z'),
      assignment('as2', CLASS_A, 'late', '2026-03-05T12:00:00Z'),
      assignment('as3', CLASS_A, 'today', '2026-03-10T15:00:00Z'),
      assignment('as4', CLASS_A, 'undated', null),
      assignment('as5', CLASS_B, 'other-class', '2026-03-11T12:00:00Z'),
    ],
    contents: ['later', 'late', 'today', 'undated', 'other-class'].map((id) => content(id)),
    work: [],
    progress: [],
    ackedSeq: 0,
    now: NOW,
    ...over,
  };
}

describe('the learner home', () => {
  it('lists overdue work first, then today, then later, then undated; only the learner’s classes', () => {
    const home = buildHome(input());
    expect(home.todo.map((i) => [i.contentId, i.due])).toEqual([
      ['late', 'overdue'],
      ['today', 'today'],
      ['later', 'later'],
      ['undated', 'none'],
    ]);
  });

  it('never shows another learner’s work, even if it is handed in', () => {
    const home = buildHome(
      input({
        work: [work(B, 'late', { status: 'completed', lastDeviceSeq: 9 })],
        progress: [
          {
            learnerId: B,
            contentId: 'today',
            version: 1,
            status: 'mastered',
            score: 1,
            attempts: 1,
            lastAt: '2026-03-09T10:00:00Z',
          },
        ],
      }),
    );
    expect(home.done).toEqual([]);
    expect(home.todo.every((i) => i.state === 'new' && i.sync === null)).toBe(true);
  });

  it('says "waiting to send" until the server acknowledged the last event, then "sent"', () => {
    const local = [work(A, 'late', { status: 'completed', lastDeviceSeq: 7 })];
    expect(buildHome(input({ work: local, ackedSeq: 6 })).done[0]?.sync).toBe('waiting');
    expect(buildHome(input({ work: local, ackedSeq: 7 })).done[0]?.sync).toBe('sent');
  });

  it('counts work the server knows from another time as sent, and keeps the best status', () => {
    const home = buildHome(
      input({
        work: [work(A, 'today', { status: 'started', lastDeviceSeq: 3 })],
        progress: [
          {
            learnerId: A,
            contentId: 'today',
            version: 1,
            status: 'mastered',
            score: 0.9,
            attempts: 2,
            lastAt: '2026-03-08T10:00:00Z',
          },
          {
            learnerId: A,
            contentId: 'later',
            version: 1,
            status: 'completed',
            score: null,
            attempts: 0,
            lastAt: '2026-03-08T10:00:00Z',
          },
        ],
        ackedSeq: 3,
      }),
    );
    const today = home.done.find((i) => i.contentId === 'today');
    expect(today).toMatchObject({ state: 'mastered', attempts: 2, sync: 'sent' });
    expect(home.done.find((i) => i.contentId === 'later')?.sync).toBe('sent');
  });

  it('shows work whose content has not arrived yet, and counts progress per unit', () => {
    const home = buildHome(
      input({
        contents: [content('late', { unit: 'Fractions' }), content('today', { unit: 'Fractions' })],
        work: [work(A, 'late', { status: 'completed' })],
      }),
    );
    expect(home.todo.find((i) => i.contentId === 'later')?.content).toBeNull();
    expect(home.units).toEqual([{ subject: 'mathematics', unit: 'Fractions', done: 1, total: 2 }]);
  });

  it('lists a lesson given to chosen learners only to them', () => {
    const mine = assignment('c1', CLASS_A, 'today', null, { learnerIds: [A] });
    const theirs = assignment('c2', CLASS_A, 'later', null, { learnerIds: [B] });
    expect(buildHome(input({ assignments: [mine, theirs] })).todo.map((i) => i.assignmentId)).toEqual(['c1']);
  });

  it('hides assignments that are not open yet and lists a lesson assigned twice once, earliest due', () => {
    const home = buildHome(
      input({
        assignments: [
          { ...assignment('x1', CLASS_A, 'today', '2026-03-30T00:00:00Z') },
          { ...assignment('x2', CLASS_A, 'today', '2026-03-12T00:00:00Z') },
          { ...assignment('x3', CLASS_A, 'later', null), openAt: '2026-04-01T00:00:00Z' },
        ],
      }),
    );
    expect(home.todo.map((i) => i.assignmentId)).toEqual(['x2']);
  });

  it('says whether the pictures and sounds of each piece of work are on the tablet', () => {
    const withMedia = content('today', { media: [{ hash: 'h1', bytes: 10, mime: 'image/webp' }] });
    const contents = [withMedia, content('late')];
    const before = buildHome(input({ contents }));
    expect(before.todo.find((i) => i.contentId === 'today')?.mediaReady).toBe(false);
    expect(before.todo.find((i) => i.contentId === 'late')?.mediaReady).toBe(true);
    const after = buildHome(input({ contents, mediaDone: new Set(['h1']) }));
    expect(after.todo.find((i) => i.contentId === 'today')?.mediaReady).toBe(true);
  });

  it('marks due dates against the clock', () => {
    expect(dueState('2026-03-10T08:59:00Z', NOW)).toBe('overdue');
    expect(dueState(null, NOW)).toBe('none');
  });
});

describe('learner names', () => {
  const l = { givenName: 'Amina', familyName: 'Ait Ali', nameAr: 'أمينة آيت علي' };
  it('writes the Arabic name in Arabic and the Latin name otherwise', () => {
    expect(learnerName(l, 'ar')).toBe('أمينة آيت علي');
    expect(learnerName(l, 'fr')).toBe('Amina Ait Ali');
    expect(learnerName({ ...l, nameAr: null }, 'ar')).toBe('Amina Ait Ali');
  });
  it('sorts by the name shown', () => {
    const rows = [
      { id: '1', pictureCode: null, pin: null, givenName: 'Zineb', familyName: 'A', nameAr: 'أ' },
      { id: '2', pictureCode: null, pin: null, givenName: 'Ali', familyName: 'B', nameAr: 'ي' },
    ];
    expect(sortLearners(rows, 'fr').map((r) => r.id)).toEqual(['2', '1']);
    expect(sortLearners(rows, 'ar').map((r) => r.id)).toEqual(['1', '2']);
  });
});
