import { afterEach, describe, expect, it } from 'vitest';
import {
  installSchoolClock,
  meetingLink,
  meetingUrlProblem,
  monthDays,
  schoolClockFor,
  schoolDate,
  schoolInstant,
  schoolOffsetMinutes,
  schoolWallClock,
  zoneOffsetMinutes,
} from './school-day';

afterEach(() => installSchoolClock(null));

describe("the school's day", () => {
  it('is the calendar day in Casablanca, not UTC', () => {
    // UTC+1 outside Ramadan: 23:30 UTC is already the next day at school.
    expect(schoolDate('2026-11-19T23:30:00Z')).toBe('2026-11-20');
    expect(schoolDate('2026-11-19T22:59:00Z')).toBe('2026-11-19');
    // During Ramadan 2026 Morocco is on UTC+0: 23:30 UTC is still the same day.
    expect(schoolDate('2026-03-01T23:30:00Z')).toBe('2026-03-01');
  });

  it("finds every change of the school's clock to the minute, as the tz database has them", () => {
    const clock = schoolClockFor(new Date('2025-11-27T00:00:00Z'), new Date('2027-11-27T00:00:00Z'));
    // Ramadan 2026 (tz database 2025b): UTC+0 from 15 February 03:00, UTC+1 again from 22 March 02:00.
    expect(clock.offsets.slice(0, 3)).toEqual([
      { from: '2025-11-27T00:00:00.000Z', minutes: 60 },
      { from: '2026-02-15T02:00:00.000Z', minutes: 0 },
      { from: '2026-03-22T02:00:00.000Z', minutes: 60 },
    ]);
    expect(clock.until).toBe('2027-11-27T00:00:00.000Z');
    // Hour by hour across the window, the table and the tz database agree.
    installSchoolClock(clock);
    for (let ms = Date.parse('2025-11-27T00:30:00Z'); ms < Date.parse(clock.until); ms += 3_600_000)
      expect(schoolOffsetMinutes(ms), new Date(ms).toISOString()).toBe(zoneOffsetMinutes(ms));
  });

  it('follows the installed offsets inside their window and the tz database outside it', () => {
    // A page installs the server's offsets because its own tz data may be wrong; make them differ here.
    installSchoolClock({
      zone: 'Africa/Casablanca',
      offsets: [{ from: '2026-11-01T00:00:00Z', minutes: 0 }],
      until: '2026-12-01T00:00:00Z',
    });
    expect(schoolDate('2026-11-19T23:30:00Z')).toBe('2026-11-19');
    expect(schoolWallClock('2026-11-19T12:00:00Z').toISOString()).toBe('2026-11-19T12:00:00.000Z');
    expect(schoolDate('2026-12-19T23:30:00Z')).toBe('2026-12-20');
    installSchoolClock(null);
    expect(schoolDate('2026-11-19T23:30:00Z')).toBe('2026-11-20');
  });

  it("turns a time typed on the school's clock into the instant, either side of a clock change", () => {
    expect(schoolInstant('2026-11-27T10:00').toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(schoolInstant('2026-03-01T10:00').toISOString()).toBe('2026-03-01T10:00:00.000Z'); // Ramadan
    expect(schoolInstant('2026-12-15T23:59').toISOString()).toBe('2026-12-15T22:59:00.000Z');
    // 15 February 2026: at 03:00 the clock goes back to 02:00, so 02:30 happens twice; the later one.
    expect(schoolInstant('2026-02-15T02:30').toISOString()).toBe('2026-02-15T02:30:00.000Z');
    expect(schoolInstant('2026-02-15T04:00').toISOString()).toBe('2026-02-15T04:00:00.000Z');
    // And round trip through the wall clock.
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-06-30T23:15:00.000Z', '2026-03-01T12:00:00.000Z'])
      expect(schoolInstant(schoolWallClock(iso).toISOString().slice(0, 16)).toISOString()).toBe(iso);
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
