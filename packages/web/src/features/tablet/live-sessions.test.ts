import { describe, expect, it } from 'vitest';
import { upcomingSessions } from './live-sessions';

const session = (id: string, classId: string, startsAt: string, durationMinutes = 60) => ({
  id,
  classId,
  title: id,
  startsAt,
  durationMinutes,
  joinUrl: `https://meet.example.org/${id}`,
  cancelled: false,
});

describe("the learner's live classes", () => {
  it("lists the learner's classes' sessions not yet over, soonest first", () => {
    const now = Date.parse('2026-11-27T10:00:00.000Z');
    const enrolments = [
      { classId: 'c1', learnerId: 'me' },
      { classId: 'c2', learnerId: 'other' },
    ];
    const list = upcomingSessions(
      'me',
      enrolments,
      [
        session('later', 'c1', '2026-11-28T09:00:00.000Z'),
        session('running', 'c1', '2026-11-27T09:30:00.000Z', 45),
        session('over', 'c1', '2026-11-27T08:00:00.000Z', 60),
        session('not-mine', 'c2', '2026-11-27T11:00:00.000Z'),
      ],
      now,
    );
    expect(list.map((s) => s.id)).toEqual(['running', 'later']);
  });
});
