import { newId } from '@lawh/shared';
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
import { plain } from './pages/app-page';
import { ClassAssignmentsPage } from './pages/assignments-pages';
import { ClassGroupsPage, closeTask, editInstructions, GradingPage } from './pages/classroom-pages';

// A teacher makes a group, gives it a task graded out of 20, and grades a learner's answer: a grade
// outside the scale is refused naming the field, the returned grade reads 10/20 (never 1020 or
// 2010 inside Arabic), and the states are worded exactly ("not yet graded", never "missing").

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

/** prof1's first class and two of its learners. */
async function taughtClass(locale: string) {
  const rows = await server.db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .innerJoin('users as l', 'l.id', 'le.userId')
    .select(['te.classId', 'l.id', 'l.givenName', 'l.familyName', 'l.nameAr'])
    .where('t.username', '=', DEMO.teacher)
    .where('le.role', '=', 'learner')
    .where('le.archivedAt', 'is', null)
    .orderBy('te.classId')
    .orderBy('l.familyName')
    .orderBy('l.givenName')
    .limit(2)
    .execute();
  const [a, b] = rows;
  if (!a || !b) throw new Error('the demo class needs two learners');
  // The grading page names a learner in Arabic script in ar, as the other pages do.
  const name = (r: typeof a) => (locale === 'ar' && r.nameAr ? r.nameAr : `${r.givenName} ${r.familyName}`);
  return { classId: a.classId, first: { id: a.id, name: name(a) }, second: { id: b.id, name: name(b) } };
}

describe.each(LOCALES)('classroom tasks in %s', (locale) => {
  it('a teacher gives a group a task, grades an answer on its scale and returns it', async () => {
    const cls = await taughtClass(locale);
    const suffix = newId().slice(-4);
    const group = `${locale === 'ar' ? 'الفوج' : 'Groupe'} ${suffix}`;
    const title = `${locale === 'ar' ? 'صف منزلك' : 'Décris ta maison'} ${suffix}`;

    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const groups = await new ClassGroupsPage(session.page, locale).open(`/classes/${cls.classId}`);
    expect(await groups.addGroup(group, [cls.first.name])).toBe(201);
    await groups.section.getByText(group).waitFor();

    const assignments = new ClassAssignmentsPage(session.page, locale);
    const t = assignments.t;
    expect(await assignments.assignTask({ title, instructions: 'Cinq phrases.', maxPoints: 20, group })).toBe(
      200,
    );
    await assignments.notice(t('classroom.saved', { title })).waitFor();
    // The notice comes with the answer; the list reloads just after it.
    await expect.poll(() => assignments.titles()).toContain(title);
    expect(await editInstructions(assignments, title, 'Six phrases.')).toBe(200);
    await assignments.notice(t('classroom.saved', { title })).waitFor();
    expect(await closeTask(assignments, title)).toBe(200);
    await assignments.notice(t('classroom.closedNote', { title })).waitFor();
    expect(await seriousAxeViolations(session.page)).toEqual([]);

    const task = await server.db
      .selectFrom('assignments')
      .select(['id', 'maxPoints', 'audience', 'instructions', 'closedAt'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ maxPoints: 20, audience: 'groups', instructions: 'Six phrases.' });
    expect(task.closedAt).not.toBeNull();
    // The learner's tablet sent an answer (the push path is covered by the API tests).
    const submissionId = newId();
    const now = new Date().toISOString();
    await server.db
      .insertInto('submissions')
      .values({
        id: submissionId,
        assignmentId: task.id,
        learnerId: cls.first.id,
        attempt: 1,
        state: 'submitted',
        late: 0,
        text: locale === 'ar' ? 'منزلي كبير وفيه حديقة.' : 'Ma maison est grande.',
        media: '[]',
        submittedAt: now,
        receivedAt: now,
        eventId: null,
        points: null,
        rubricChoices: null,
        feedbackText: null,
        feedbackVoiceHash: null,
        gradedBy: null,
        gradedAt: null,
        returnedAt: null,
      })
      .execute();

    const grading = await new GradingPage(session.page, locale).open(`/assignments/${task.id}/grading`);
    // Only the group's learner is in the queue, and their answer is "not yet graded".
    expect(plain((await grading.state(cls.first.name).textContent()) ?? '')).toBe(
      t('insight.state.submitted'),
    );
    expect(await grading.entry(cls.second.name).count()).toBe(0);
    await grading.notice(t('grading.isClosed')).waitFor();
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);

    await grading.grade(cls.first.name, '25', 'Bien');
    await grading.fieldError(cls.first.name).waitFor();
    expect(plain((await grading.fieldError(cls.first.name).textContent()) ?? '')).toContain('points');
    const refused = await server.db
      .selectFrom('submissions')
      .select(['state', 'points'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(refused).toEqual({ state: 'submitted', points: null });

    // Voice feedback, recorded with the content editor's recorder and uploaded as media.
    expect(await grading.recordFeedback(cls.first.name)).toBe(201);
    await grading.grade(cls.first.name, '10', locale === 'ar' ? 'عمل جيد' : 'Bon travail');
    await expect
      .poll(async () => plain((await grading.state(cls.first.name).textContent()) ?? ''))
      .toBe(t('insight.state.returned'));
    // The grade is a left-to-right isolate: it reads 10/20 whatever the page's direction.
    const grade = grading.entry(cls.first.name).locator('.grading-result bdi[dir="ltr"]').first();
    expect(await grade.textContent()).toBe('10/20');
    expect(await grade.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await grading.page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    const stored = await server.db
      .selectFrom('submissions')
      .select(['state', 'points', 'feedbackVoiceHash'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'returned', points: 10 });
    expect(stored.feedbackVoiceHash).toMatch(/^[0-9a-f]{64}$/);
    await grading.entry(cls.first.name).locator('.grading-result audio').waitFor();
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    await screenshot(session.page, `classroom-grading-${locale}`);
  });
});
