import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTargets } from './checks';
import {
  DEMO,
  DEMO_PASSWORD,
  LOCALES,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { AppPage, exactly } from './pages/app-page';
import { RegisterPageModel } from './pages/attendance-pages';
import { LoginPage } from './pages/login-page';

// A teacher with no connection: the service worker opens the app and the pages read before, the
// register taken offline waits in the teacher outbox (top bar and /outbox), reaches the server once
// the connection is back, and signing out forgets the saved pages.

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

async function taughtClass() {
  const rows = await server.db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .select(['te.classId', 'le.userId'])
    .where('t.username', '=', DEMO.teacher)
    .where('le.role', '=', 'learner')
    .where('le.archivedAt', 'is', null)
    .orderBy('te.classId')
    .execute();
  const classId = rows[0]!.classId;
  return { classId, learners: rows.filter((r) => r.classId === classId).length };
}

const marksOn = (classId: string, date: string) =>
  server.db
    .selectFrom('attendanceMarks')
    .select('status')
    .where('classId', '=', classId)
    .where('date', '=', date)
    .where('liveSessionId', 'is', null)
    .execute();

/** The Date header of the answer the page gets for /auth/me: a saved copy keeps its old one. */
const meDate = (page: Page) =>
  page.evaluate(async () =>
    (await fetch('/api/v1/auth/me', { headers: { accept: 'application/json' } })).headers.get('date'),
  );

const hasSavedPages = (page: Page) => page.evaluate(() => caches.has('lawh-api-v1'));

// Each language takes its own day, so the runs never see each other's registers.
const DAY = { ar: '2026-10-14', fr: '2026-10-15' } as const;

describe.each(LOCALES)('a teacher offline in %s', (locale) => {
  it('reads saved pages, queues a register, sends it when back online, and forgets the pages at sign-out', async () => {
    const { classId, learners } = await taughtClass();
    const day = DAY[locale as keyof typeof DAY];
    // Signed in through the form: this session is signed out at the end, so it must be its own.
    session = await openSession(browser, server, { locale, serviceWorkers: 'allow' });
    const { page, context } = session;
    const login = await new LoginPage(page, locale).open();
    const t = login.t;
    await login.signIn(DEMO.teacher, DEMO_PASSWORD);
    await page.getByRole('button', { name: t('app.signOut'), exact: true }).waitFor();
    // The worker takes charge of the pages loaded once it is active.
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const url = `/classes/${classId}/attendance?date=${day}`;
    const register = await new RegisterPageModel(page, locale).open(url);
    const onlineDate = await meDate(page);
    expect(await hasSavedPages(page)).toBe(true);

    await context.setOffline(true);
    // Past a second, a fresh answer would carry a later Date: the one shown offline is the copy.
    await page.waitForTimeout(1100);
    await page.reload();
    await register.ready();
    expect(await meDate(page)).toBe(onlineDate);
    expect(await register.main.getByRole('radiogroup').count()).toBe(learners);
    await register.header.getByText(t('outbox.offline'), { exact: true }).waitFor();

    await register.allPresent();
    await register.saveButton.click();
    await register.notice(t('attendance.pending')).waitFor();
    const waiting = register.header.getByRole('link', { name: exactly(t('outbox.waiting', { count: 1 })) });
    await waiting.waitFor();
    expect(await marksOn(classId, day)).toEqual([]);

    // The outbox page, opened offline from the badge, lists the change and what it was.
    await waiting.click();
    const outbox = new AppPage(page, locale);
    await outbox.heading.filter({ hasText: t('outbox.title') }).waitFor();
    await outbox.main.getByText(t('outbox.kind.attendance.marked'), { exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, `teacher-outbox-offline-${locale}`);

    await context.setOffline(false);
    await expect.poll(async () => (await marksOn(classId, day)).length, { timeout: 20_000 }).toBe(learners);
    await outbox.notice(t('outbox.empty')).waitFor();
    await waiting.waitFor({ state: 'detached' });
    expect((await marksOn(classId, day)).every((m) => m.status === 'present')).toBe(true);

    // Signing out forgets the saved pages: the next person on this device cannot read them offline.
    await page.getByRole('button', { name: t('app.signOut'), exact: true }).click();
    await login.title.waitFor();
    expect(await hasSavedPages(page)).toBe(false);
  });
});
