import { readFile } from 'node:fs/promises';
import { schoolDate, schoolWallClock, zoneOffsetMinutes } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTargets } from './checks';
import {
  DEMO,
  LOCALES,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { AppPage } from './pages/app-page';
import { AttendanceSummaryModel, RegisterPageModel } from './pages/attendance-pages';

// A teacher takes a class's register (one absent, one late), finds them counted in the month's
// summary and in its CSV; takes one with no connection and sees it sent once back online; and
// schedules a live session with a join link that opens in a new tab.

let server: TestServer;
let browser: Browser;
let session: Session | null = null;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await session?.context.close();
  session = null;
});

/** prof1's first class and its learners in the register's order, named as the page shows them. */
async function taughtClass(locale: string) {
  const rows = await server.db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .innerJoin('users as l', 'l.id', 'le.userId')
    .innerJoin('classes as c', 'c.id', 'te.classId')
    .select(['te.classId', 'c.schoolId', 'l.id', 'l.givenName', 'l.familyName', 'l.nameAr', 'l.massarCode'])
    .where('t.username', '=', DEMO.teacher)
    .where('le.role', '=', 'learner')
    .where('le.archivedAt', 'is', null)
    .orderBy('te.classId')
    .orderBy('l.familyName')
    .orderBy('l.givenName')
    .orderBy('l.id')
    .execute();
  const classId = rows[0]!.classId;
  const learners = rows
    .filter((r) => r.classId === classId)
    .map((r) => ({
      id: r.id,
      massarCode: r.massarCode,
      name: locale === 'ar' && r.nameAr ? r.nameAr : `${r.givenName} ${r.familyName}`,
      nameAr: r.nameAr,
    }));
  return { classId, schoolId: rows[0]!.schoolId, learners };
}

const marksOn = (classId: string, date: string) =>
  server.db
    .selectFrom('attendanceMarks')
    .select(['learnerId', 'status'])
    .where('classId', '=', classId)
    .where('date', '=', date)
    .where('liveSessionId', 'is', null)
    .execute();

// Each language takes its own days, so the two runs never count each other's registers.
const DAYS = {
  ar: { day: '2026-10-05', offline: '2026-11-10' },
  fr: { day: '2026-09-21', offline: '2026-11-12' },
};

describe.each(LOCALES)('attendance in %s', (locale) => {
  const days = DAYS[locale as keyof typeof DAYS];

  it('a teacher takes a register, sees the month count it and downloads the CSV', async () => {
    const { classId, learners } = await taughtClass(locale);
    expect(learners.length).toBeGreaterThanOrEqual(3);
    const [absent, late, present] = learners as [
      (typeof learners)[0],
      (typeof learners)[0],
      (typeof learners)[0],
    ];
    session = await openSession(browser, server, { locale, user: DEMO.teacher });

    // Today by default.
    const today = await new RegisterPageModel(session.page, locale).open(`/classes/${classId}/attendance`);
    expect(await today.dateField.inputValue()).toBe(schoolDate());

    const page = await new RegisterPageModel(session.page, locale).open(
      `/classes/${classId}/attendance?date=${days.day}`,
    );
    const t = page.t;
    await page.allPresent();
    await page.mark(absent.name, 'absent');
    await page.mark(late.name, 'late');
    const why = locale === 'ar' ? 'مريض' : 'Malade';
    await page.main
      .getByRole('textbox', { name: page.t('attendance.noteFor', { name: absent.name }) })
      .fill(why);
    expect(await page.save()).toBe(200);
    await page.notice(t('attendance.saved')).waitFor();
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    await screenshot(session.page, `attendance-register-${locale}`);

    const stored = new Map((await marksOn(classId, days.day)).map((m) => [m.learnerId, m.status]));
    expect(stored.size).toBe(learners.length);
    expect(stored.get(absent.id)).toBe('absent');
    expect(stored.get(late.id)).toBe('late');
    expect(stored.get(present.id)).toBe('present');
    const note = await server.db
      .selectFrom('attendanceMarks')
      .select('note')
      .where('learnerId', '=', absent.id)
      .where('date', '=', days.day)
      .executeTakeFirstOrThrow();
    expect(note.note).toBe(why);

    // The register reads back as saved after a reload.
    await session.page.reload();
    await page.ready();
    expect(await page.statusOf(absent.name)).toBe('absent');
    expect(await page.statusOf(late.name)).toBe('late');

    const month = days.day.slice(0, 7);
    const summary = await new AttendanceSummaryModel(session.page, locale).open(
      `/classes/${classId}/attendance/summary?month=${month}`,
    );
    await summary.main.getByText(t('attendance.registers', { count: 1 })).waitFor();
    expect(await summary.count(absent.name, 'absent')).toBe('1');
    expect(await summary.count(absent.name, 'present')).toBe('0');
    expect(await summary.count(late.name, 'late')).toBe('1');
    expect(await summary.count(present.name, 'present')).toBe('1');
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    await screenshot(session.page, `attendance-summary-${locale}`);

    const [download] = await Promise.all([session.page.waitForEvent('download'), summary.csvLink.click()]);
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(locale === 'ar' ? /^رمز مسار,الاسم بالعربية,/ : /^Code Massar,Nom en arabe,/);
    const absentLine = lines.find((l) => l.startsWith(`${absent.massarCode},`));
    expect(absentLine).toContain(absent.nameAr);
    expect(absentLine).toMatch(/,0,1,0,0,0$/);
    expect(lines.find((l) => l.startsWith(`${late.massarCode},`))).toMatch(/,0,0,1,0,100$/);
  });

  it('a register taken offline waits on the device and is sent once the connection is back', async () => {
    const { classId, learners } = await taughtClass(locale);
    const [first, second] = learners as [(typeof learners)[0], (typeof learners)[0]];
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const page = await new RegisterPageModel(session.page, locale).open(
      `/classes/${classId}/attendance?date=${days.offline}`,
    );
    const t = page.t;

    await session.context.setOffline(true);
    await page.allPresent();
    await page.mark(first.name, 'excused');
    await page.mark(second.name, 'absent');
    await page.saveButton.click();
    await page.notice(t('attendance.pending')).waitFor();
    await page.main.getByText(t('attendance.pendingBadge'), { exact: true }).waitFor();
    expect(await page.statusOf(first.name)).toBe('excused');
    expect(await marksOn(classId, days.offline)).toEqual([]);
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    await screenshot(session.page, `attendance-offline-${locale}`);

    await session.context.setOffline(false);
    await expect
      .poll(async () => (await marksOn(classId, days.offline)).length, { timeout: 20_000 })
      .toBe(learners.length);
    await page.notice(t('attendance.pending')).waitFor({ state: 'detached' });
    await session.page.reload();
    await page.ready();
    expect(await page.statusOf(first.name)).toBe('excused');
    expect(await page.statusOf(second.name)).toBe('absent');
    const stored = new Map((await marksOn(classId, days.offline)).map((m) => [m.learnerId, m.status]));
    expect(stored.get(first.id)).toBe('excused');
  });

  it('a live session gets a join link that opens in a new tab and its own register', async () => {
    const { classId, schoolId } = await taughtClass(locale);
    // The school's video-meeting service, as its admin sets it on the school's page.
    await server.db
      .updateTable('schools')
      .set({ meetingUrl: 'https://meet.example.org/lawh-{sessionId}' })
      .where('id', '=', schoolId)
      .execute();
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const page = await new AppPage(session.page, locale).open(`/classes/${classId}/live-sessions`);
    const t = page.t;
    const title = locale === 'ar' ? 'مراجعة الكسور' : 'Révision des fractions';
    await page.main.getByRole('button', { name: t('live.schedule'), exact: true }).click();
    await page.main.getByLabel(t('live.sessionTitle')).fill(title);
    // Started ten minutes ago, typed on the school's clock: on now, its register open.
    const local = schoolWallClock(new Date(Date.now() - 10 * 60_000))
      .toISOString()
      .slice(0, 16);
    await page.main.getByLabel(t('live.startsAt')).fill(local);
    await page.main.getByLabel(t('live.duration')).fill('40');
    const res = await page.answer('POST', /\/live-sessions$/, () =>
      page.main
        .getByRole('button', { name: t('live.schedule'), exact: true })
        .last()
        .click(),
    );
    expect(res.status()).toBe(201);
    const created = (await res.json()) as { id: string; date: string };
    await page.notice(t('live.scheduled', { title })).waitFor();
    const join = page.main.getByRole('link', { name: t('live.joinNamed', { title }) });
    expect(await join.getAttribute('href')).toBe(`https://meet.example.org/lawh-${created.id}`);
    expect(await join.getAttribute('target')).toBe('_blank');
    expect(await join.getAttribute('rel')).toContain('noopener');
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    await screenshot(session.page, `attendance-live-${locale}`);

    // Moved to a longer slot: the same session, the same room.
    await page.main.getByRole('button', { name: t('live.editNamed', { title }) }).click();
    await page.main.getByLabel(t('live.duration')).fill('60');
    const edited = await page.answer('PATCH', `/api/v1/live-sessions/${created.id}`, () =>
      page.main.getByRole('button', { name: t('common.save'), exact: true }).click(),
    );
    expect(edited.status()).toBe(200);
    await page.notice(t('live.saved', { title })).waitFor();
    const item = page.main.locator('.live-list > li').filter({ hasText: title });
    await item.getByText(t('live.minutes', { count: 60 })).waitFor();
    expect(await join.getAttribute('href')).toBe(`https://meet.example.org/lawh-${created.id}`);

    await page.main.getByRole('link', { name: t('live.takeAttendanceNamed', { title }) }).click();
    await page.ready();
    expect(new URL(session.page.url()).search).toBe(`?date=${created.date}&session=${created.id}`);
    await page.heading.filter({ hasText: title }).waitFor();
    const register = new RegisterPageModel(session.page, locale);
    await register.ready();
    await register.allPresent();
    expect(await register.save()).toBe(200);
    await register.notice(t('attendance.saved')).waitFor();
    const marks = await server.db
      .selectFrom('attendanceMarks')
      .select(['date', 'status'])
      .where('liveSessionId', '=', created.id)
      .execute();
    expect(marks.length).toBeGreaterThanOrEqual(3);
    expect(marks.every((m) => m.date === created.date && m.status === 'present')).toBe(true);
  });
});

describe("the school's clock", () => {
  it("dates a page by the server's tz data, not the browser's", async () => {
    const { classId } = await taughtClass('ar');
    session = await openSession(browser, server, { locale: 'ar', user: DEMO.teacher });
    // 23:30 UTC on a coming day when Casablanca is on UTC+1, as Node has it: already the next day
    // there. Chromium 156's own tz data puts Casablanca on UTC+0 from late 2026, so a page that
    // trusted it would show the UTC day.
    let at = new Date(`${new Date().toISOString().slice(0, 10)}T23:30:00Z`);
    while (zoneOffsetMinutes(at.getTime()) !== 60) at = new Date(at.getTime() + 86_400_000);
    const day = schoolDate(at);
    expect(day).not.toBe(at.toISOString().slice(0, 10));
    await session.page.clock.setFixedTime(at);
    const register = await new RegisterPageModel(session.page, 'ar').open(`/classes/${classId}/attendance`);
    expect(await register.dateField.inputValue()).toBe(day);

    // Kept for the next start: a day passes before the page asks again.
    const asked: string[] = [];
    session.page.on('request', (r) => {
      if (r.url().includes('/api/v1/school-clock')) asked.push(r.url());
    });
    await session.page.reload();
    await register.ready();
    expect(await register.dateField.inputValue()).toBe(day);
    expect(asked).toEqual([]);
  });
});
