import { newId } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './checks';
import {
  apiAs,
  DEMO,
  LOCALES,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { ClassAssignmentsPage } from './pages/assignments-pages';

// A teacher gives a class a published lesson with a due date, sees a learner's work once the
// tablet's progress reaches the server, and withdraws the lesson.

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

/** prof1's first class and its first learner. */
async function taughtClass() {
  const row = await server.db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .innerJoin('users as l', 'l.id', 'le.userId')
    .select(['te.classId', 'l.id', 'l.givenName', 'l.familyName', 'l.nameAr'])
    .where('t.username', '=', DEMO.teacher)
    .where('le.role', '=', 'learner')
    .orderBy('te.classId')
    .orderBy('l.familyName')
    .orderBy('l.givenName')
    .executeTakeFirstOrThrow();
  return row;
}

describe.each(LOCALES)('class assignments in %s', (locale) => {
  it("a teacher assigns a lesson, sees a learner's progress, and withdraws it", async () => {
    // The demo has lessons of its own: this title is the only one of its kind.
    const title = `${locale === 'ar' ? 'دورة الماء في الطبيعة' : 'Le cycle de l’eau'} ${newId().slice(-4)}`;
    const prof = await apiAs(server, DEMO.teacher);
    const lesson = await prof.post<{ id: string }>('/api/v1/content/lessons', {
      title,
      tags: { cycle: 'primaire', level: '5AP', subject: 'sciences', language: locale },
      body: { blocks: [{ id: newId(), type: 'richText', html: '<p>…</p>' }] },
    });
    await prof.post(`/api/v1/content/${lesson.id}/publish`, {});
    const cls = await taughtClass();

    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const page = await new ClassAssignmentsPage(session.page, locale).open(`/classes/${cls.classId}`);
    const t = page.t;
    expect(await page.assign(title, '2026-12-15')).toBe(200);
    // The picked day is the school's, whatever the browser's zone: due at 23:59 in Casablanca (UTC+1).
    const due = await server.db
      .selectFrom('assignments')
      .select('dueAt')
      .where('contentId', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(due.dueAt).toBe('2026-12-15T22:59:00.000Z');
    await page.notice(t('classroom.saved', { title })).waitFor();
    await expect.poll(() => page.titles()).toEqual([title]);
    expect(await seriousAxeViolations(session.page)).toEqual([]);

    // The tablet's sync fills learnerProgress; the teacher sees it on refreshing.
    const now = new Date().toISOString();
    await server.db
      .insertInto('learnerProgress')
      .values({
        learnerId: cls.id,
        contentId: lesson.id,
        contentVersion: 1,
        status: 'completed',
        score: null,
        attempts: 1,
        correct: 0,
        answered: 0,
        firstAt: now,
        lastAt: now,
        updatedAt: now,
      })
      .execute();
    const name = locale === 'ar' && cls.nameAr ? cls.nameAr : `${cls.givenName} ${cls.familyName}`;
    // The table re-renders just after the refresh's answer arrives: poll rather than race it.
    await expect.poll(() => page.progressCell(name, 0)).toContain(t('progress.status.completed'));
    await screenshot(session.page, `assignments-${locale}`);

    await page.withdraw(title);
    await page.notice(t('assignment.withdrawn', { title })).waitFor();
    await page.section.getByText(t('assignment.none')).waitFor();
    const stored = await server.db
      .selectFrom('assignments')
      .select('withdrawnAt')
      .where('contentId', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(stored.withdrawnAt).not.toBeNull();
  });
});
