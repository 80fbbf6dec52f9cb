import { describe, expect, it } from 'vitest';
import { allPresent, draftOf, notesOf, pendingFor, registerEvent, unmarkedCount } from './register-model';

const key = { classId: 'c1', date: '2026-11-02', liveSessionId: null };
const rows = [
  { learnerId: 'a', status: 'present' as const, note: null },
  { learnerId: 'b', status: null, note: 'bus' },
  { learnerId: 'c', status: 'absent' as const, note: null },
];
const queued = (seq: number, payload: Record<string, unknown>, kind = 'attendance.marked') => ({
  seq,
  kind,
  payload,
});

describe('the register page model', () => {
  it("a queued save of this register is laid over the server's copy; the latest one wins", () => {
    const events = [
      queued(1, { ...key, marks: [{ learnerId: 'a', status: 'late' }] }),
      queued(2, { ...key, date: '2026-11-03', marks: [] }),
      queued(3, { ...key, liveSessionId: 's1', marks: [] }),
      queued(4, { ...key, marks: [{ learnerId: 'b', status: 'excused' }] }),
      queued(5, { ...key, marks: [] }, 'comment.posted'),
    ];
    const pending = pendingFor(events, key);
    expect(pending?.marks).toEqual([{ learnerId: 'b', status: 'excused' }]);
    // The queued register replaces the whole register: a and c are unmarked in it.
    expect(draftOf({ rows }, pending)).toEqual({ b: 'excused' });
    expect(draftOf({ rows }, null)).toEqual({ a: 'present', c: 'absent' });
    expect(pendingFor(events, { ...key, liveSessionId: 's2' })).toBeNull();
  });

  it('the event carries every marked learner with their note, and only them', () => {
    const draft = { ...allPresent(rows), c: 'late' as const };
    expect(unmarkedCount(rows, draft)).toBe(0);
    const e = registerEvent(key, rows, draft, notesOf({ rows }, null));
    expect(e).toEqual({
      ...key,
      marks: [
        { learnerId: 'a', status: 'present', note: null },
        { learnerId: 'b', status: 'present', note: 'bus' },
        { learnerId: 'c', status: 'late', note: null },
      ],
    });
    expect(registerEvent(key, rows, { a: 'absent' }).marks).toHaveLength(1);
    // A note is trimmed; an empty one is none.
    const noted = registerEvent(key, rows, { a: 'absent', b: 'late' }, { a: '  malade ', b: ' ' });
    expect(noted.marks.map((m) => m.note)).toEqual(['malade', null]);
    expect(notesOf({ rows }, { ...key, marks: [{ learnerId: 'c', status: 'excused', note: 'x' }] })).toEqual({
      c: 'x',
    });
    expect(unmarkedCount(rows, { a: 'absent' })).toBe(2);
  });
});
