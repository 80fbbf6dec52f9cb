import { describe, expect, it } from 'vitest';
import { meetingLink, meetingUrlProblem, monthDays, schoolDate } from './school-day';

describe("the school's day", () => {
  it('is the calendar day in Casablanca, not UTC', () => {
    // UTC+1 outside Ramadan: 23:30 UTC is already the next day at school.
    expect(schoolDate('2026-11-19T23:30:00Z')).toBe('2026-11-20');
    expect(schoolDate('2026-11-19T22:59:00Z')).toBe('2026-11-19');
    // During Ramadan 2026 Morocco is on UTC+0: 23:30 UTC is still the same day.
    expect(schoolDate('2026-03-01T23:30:00Z')).toBe('2026-03-01');
  });

  it('gives the first and last day of a month, leap years included', () => {
    expect(monthDays('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDays('2027-02').last).toBe('2027-02-28');
    expect(monthDays('2026-12').last).toBe('2026-12-31');
  });
});

describe('a live session link', () => {
  it("puts the session's id in the template, or one room per session under a base URL", () => {
    expect(meetingLink('https://meet.example.org/lawh-{sessionId}', 'abc')).toBe(
      'https://meet.example.org/lawh-abc',
    );
    expect(meetingLink('https://meet.jit.si', 'abc')).toBe('https://meet.jit.si/lawh-abc');
    expect(meetingLink('https://visio.example.ma/rooms/', 'abc')).toBe(
      'https://visio.example.ma/rooms/lawh-abc',
    );
    expect(meetingLink('https://x.example.org/r?room={sessionId}&lang=ar', 'a b')).toBe(
      'https://x.example.org/r?room=a%20b&lang=ar',
    );
  });

  it('accepts only https addresses of a real host, without credentials or other placeholders', () => {
    expect(meetingUrlProblem('https://meet.example.org/lawh-{sessionId}', { template: true })).toBeNull();
    expect(meetingUrlProblem('https://meet.example.org/{sessionId}')).not.toBeNull();
    expect(meetingUrlProblem('https://meet.example.org/{room}', { template: true })).toMatch(/placeholder/);
    expect(meetingUrlProblem('http://meet.example.org')).toMatch(/https/);
    expect(meetingUrlProblem('javascript:alert(1)')).toMatch(/https/);
    expect(meetingUrlProblem('meet.example.org')).toMatch(/https/);
    expect(meetingUrlProblem('https://user:pw@meet.example.org')).toMatch(/password/);
    expect(meetingUrlProblem('https://intranet/room')).toMatch(/host/);
  });
});
