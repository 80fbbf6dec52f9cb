import { AxeBuilder } from '@axe-core/playwright';
import { newId } from '@lawh/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { intlLocale } from '../packages/web/src/i18n';
import { formatters } from '../packages/web/src/ui/format';
import { smallTargets } from './checks';
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
import { AppPage, plain } from './pages/app-page';

// Class insight in the browser, in Arabic and French: the grid flags a stuck learner with the
// reason and sorts; the guardians' weekly summary keeps "not yet graded" apart from "missing",
// copies a text message; and a grade of 10/5 and a date read correctly inside Arabic (issue 5).

let server: TestServer;
let browser: Browser;
let session: Session | null = null;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

interface Person {
  id: string;
  latin: string;
  arabic: string | null;
}
/** A learner's name as the page shows it in this language. */
const nameIn = (locale: string, p: Person) => (locale === 'ar' && p.arabic ? p.arabic : p.latin);

interface World {
  classId: string;
  stuck: Person;
  guarded: Person;
  quizTitle: string;
}
let world: World | null = null;
/** One arrangement for both languages (the same class is seen in Arabic, then in French). */
const arranged = async () => {
  world ??= await arrange();
  return world;
};

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

/**
 * prof1's first class with its own work: a quiz a learner got mostly wrong, and three past-due
 * tasks another learner sent (not yet graded), had returned with 10/5, or never sent.
 */
async function arrange(): Promise<World> {
  const { db } = server;
  const rows = await db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .innerJoin('users as l', 'l.id', 'le.userId')
    .select(['te.classId', 't.id as teacherId', 'l.id', 'l.givenName', 'l.familyName', 'l.nameAr'])
    .where('t.username', '=', DEMO.teacher)
    .where('le.role', '=', 'learner')
    .orderBy('te.classId')
    .orderBy('l.familyName')
    .orderBy('l.givenName')
    .execute();
  const classId = rows[0]!.classId;
  const [a, b] = rows.filter((r) => r.classId === classId);
  if (!a || !b) throw new Error('prof1’s class needs two learners');
  const person = (r: typeof a): Person => ({
    id: r.id,
    latin: `${r.givenName} ${r.familyName}`,
    arabic: r.nameAr,
  });
  const prof = await apiAs(server, DEMO.teacher);
  const quizTitle = `Quiz des fractions ${newId().slice(-4)}`;
  const quiz = await prof.post<{ id: string }>('/api/v1/content/quizzes', {
    title: quizTitle,
    tags: {
      cycle: 'primaire',
      level: '6AP',
      subject: 'mathematics',
      language: 'fr',
    },
    items: [
      {
        id: 'i1',
        type: 'singleChoice',
        prompt: { text: '1/2 = ?' },
        options: [
          { id: 'a', text: '2/4' },
          { id: 'b', text: '1/3' },
        ],
        correct: 'a',
      },
    ],
    mastery: { rule: 'allCorrect' },
  });
  await prof.post(`/api/v1/content/${quiz.id}/publish`, {});
  await prof.post(`/api/v1/classes/${classId}/assignments`, { contentId: quiz.id, dueAt: ago(-3) });
  const now = new Date().toISOString();
  await db
    .insertInto('learnerProgress')
    .values({
      learnerId: a.id,
      contentId: quiz.id,
      contentVersion: 1,
      status: 'started',
      score: null,
      attempts: 0,
      correct: 1,
      answered: 6,
      firstAt: ago(1),
      lastAt: ago(1),
      updatedAt: now,
    })
    .execute();
  // Past-due tasks are written straight to the database: the API refuses a due date in the past.
  const task = async (title: string, maxPoints: number) => {
    const id = newId();
    await db
      .insertInto('assignments')
      .values({
        id,
        classId,
        kind: 'task',
        contentId: null,
        contentVersion: null,
        title,
        instructions: null,
        openAt: ago(10),
        dueAt: ago(2),
        maxPoints,
        rubric: null,
        closedAt: null,
        createdBy: a.teacherId,
        createdAt: ago(10),
        updatedAt: ago(10),
        withdrawnAt: null,
      })
      .execute();
    return id;
  };
  const sent = await task('Rédaction', 20);
  const returned = await task('Poème', 5);
  await task('Exposé', 20);
  const submission = (assignmentId: string, over: Record<string, unknown>) =>
    db
      .insertInto('submissions')
      .values({
        id: newId(),
        assignmentId,
        learnerId: b.id,
        attempt: 1,
        state: 'submitted',
        late: 0,
        text: 'Ma réponse',
        media: '[]',
        submittedAt: ago(3),
        receivedAt: ago(3),
        eventId: null,
        points: null,
        rubricChoices: null,
        feedbackText: null,
        feedbackVoiceHash: null,
        gradedBy: null,
        gradedAt: null,
        returnedAt: null,
        ...over,
      })
      .execute();
  // A group of the class holding only the stuck learner, for the grid's filter.
  await db
    .insertInto('classGroups')
    .values({ id: newId(), classId, name: 'Groupe bleu', createdAt: now, updatedAt: now, archivedAt: null })
    .execute();
  const group = await db
    .selectFrom('classGroups')
    .select('id')
    .where('classId', '=', classId)
    .executeTakeFirstOrThrow();
  await db.insertInto('classGroupMembers').values({ groupId: group.id, learnerId: a.id }).execute();
  await submission(sent, {});
  // The example: a grade of 10/5, which Arabic text has been seen to print as "510".
  await submission(returned, { state: 'returned', points: 10, gradedAt: ago(1), returnedAt: ago(1) });
  return { classId, stuck: person(a), guarded: person(b), quizTitle };
}

/** The characters of an element as they sit on screen, left to right (bidi applied). */
function visualText(el: Locator): Promise<string> {
  return el.evaluate((node) => {
    const chars: { c: string; x: number }[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const s = text.textContent ?? '';
      for (let i = 0; i < s.length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width > 0) chars.push({ c: s[i] as string, x: box.left });
      }
    }
    return chars
      .sort((p, q) => p.x - q.x)
      .map((p) => p.c)
      .join('');
  });
}

async function axe(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(LOCALES)('class insight in %s', (locale) => {
  it('the grid lists and flags a stuck learner with the reason, and sorts', async () => {
    const w = await arranged();
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const app = await new AppPage(session.page, locale).open(`/classes/${w.classId}`);
    const { t } = app;
    const grid = app.main.getByRole('region', { name: t('progress.title'), exact: true });
    const stuckList = grid.getByRole('region', { name: t('insight.stuckTitle') });
    const reason = plain(t('insight.stuck.wrong', { title: w.quizTitle, tally: '1/6' }));
    const entry = stuckList.getByRole('listitem').filter({ hasText: plain(nameIn(locale, w.stuck)) });
    expect(plain((await entry.textContent()) ?? '')).toContain(reason);
    // The row carries the same flag, and the name opens the learner's page.
    const row = grid.locator(`tr[data-learner="${w.stuck.id}"]`);
    expect(plain((await row.locator('.stuck-flag').textContent()) ?? '')).toContain(reason);

    // Sorted by overall progress: the least done first, the column marked as sorted.
    await grid.getByLabel(t('insight.sortBy')).selectOption('progress');
    const overall = grid.getByRole('columnheader', { name: t('insight.overall') });
    expect(await overall.getAttribute('aria-sort')).toBe('ascending');
    const shares = (await grid.locator('tbody tr td:first-of-type').allTextContents()).map((s) =>
      Number(s.replace(/\D/g, '')),
    );
    expect(shares.length).toBeGreaterThan(1);
    expect([...shares].sort((p, q) => p - q)).toEqual(shares);
    await grid.getByLabel(t('insight.sortBy')).selectOption('activity');
    expect(
      await grid.getByRole('columnheader', { name: t('insight.lastActivity') }).getAttribute('aria-sort'),
    ).toBe('ascending');
    // Filtered by group: only its members' rows.
    await grid.getByLabel(t('insight.group')).selectOption({ label: 'Groupe bleu' });
    expect(
      await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-learner'))),
    ).toEqual([w.stuck.id]);
    await grid.getByLabel(t('insight.group')).selectOption({ label: t('insight.allGroups') });
    expect(await grid.locator('tbody tr').count()).toBeGreaterThan(1);
    await screenshot(session.page, `insight-${locale}-grid`);
    expect(await axe(session.page, 'section[aria-labelledby="class-progress"]')).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);

    await row.getByRole('link', { name: plain(nameIn(locale, w.stuck)), exact: true }).click();
    await app.ready();
    expect(plain((await app.heading.textContent()) ?? '')).toBe(
      plain(t('insight.learnerTitle', { name: nameIn(locale, w.stuck) })),
    );
    expect(plain((await app.main.textContent()) ?? '')).toContain(reason);
    expect(await axe(session.page, 'main')).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
  });

  it('the weekly summary keeps "not yet graded" apart from "missing", and copies a text message', async () => {
    const w = await arranged();
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = await new AppPage(session.page, locale).open(`/learners/${w.guarded.id}/summary`);
    const { t } = app;
    const section = (id: string) => app.main.locator(`[data-summary="${id}"]`);
    const count = async (id: string) => Number(await section(id).locator('h2 .badge').textContent());
    expect(await count('missing')).toBe(1);
    expect(await count('awaiting')).toBe(1);
    expect(await count('returned')).toBe(1);
    expect(await section('missing').textContent()).toContain('Exposé');
    expect(await section('missing').textContent()).not.toContain('Rédaction');
    expect(await section('awaiting').textContent()).toContain('Rédaction');

    // The grade: logical order inside a left-to-right isolate, and on screen "10/5" left to right.
    const grade = section('returned').locator('bdi.num');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this checks
    expect(await grade.innerText()).toBe('10/5');
    expect(await grade.getAttribute('dir')).toBe('ltr');
    expect(await visualText(grade)).toBe('10/5');
    expect(await visualText(section('returned').locator('li'))).not.toMatch(/510|5\/10/);
    // The date: the locale's format (Latin digits in Arabic), in order on screen.
    const time = section('awaiting').locator('time');
    const iso = (await time.getAttribute('datetime')) as string;
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this checks
    const shown = await time.innerText();
    expect(shown).toBe(formatters(intlLocale[locale]).date(iso));
    expect(shown).toMatch(locale === 'ar' ? /^\d{2}\/\d{2}\/\d{4}$/ : /^\d{1,2} \S+ \d{4}$/);
    expect(await visualText(time)).toBe(shown);
    expect(await app.main.textContent()).not.toMatch(/[\u0660-\u0669]/);

    // The teacher's note for the week, sent through the teacher outbox and shown in the summary.
    const note = locale === 'ar' ? 'أمين يشارك جيدًا في القسم.' : 'Participe bien en classe.';
    await app.main.getByRole('textbox', { name: /./ }).first().fill(note);
    await app.answer('POST', /\/api\/teacher\/v1\/events$/, () =>
      app.main
        .getByRole('button', { name: t('summary.saveNote') })
        .first()
        .click(),
    );
    await app.ready();
    await expect
      .poll(async () => app.main.getByRole('region', { name: t('summary.notes') }).textContent())
      .toContain(note);

    // The text message, in the other language than the page too.
    for (const lang of ['fr', 'ar'] as const) {
      await app.main.getByRole('radio', { name: lang === 'ar' ? 'العربية' : 'Français' }).check();
      const box = app.main.getByRole('textbox', { name: t('summary.messageText') });
      await expect.poll(async () => plain(await box.inputValue())).toMatch(lang === 'ar' ? /^لوح/ : /^Lawh/);
      await app.main.getByRole('button', { name: t('summary.copy') }).click();
      await app.main.getByText(t('summary.copied')).waitFor();
      const copied = await session.page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('\u206610/5\u2069');
      expect(copied).toContain(note);
      const lines = copied.split('\n');
      const awaiting = lines.find((l) =>
        plain(l).startsWith(lang === 'ar' ? 'أُرسل ولم يُصحَّح بعد' : 'Rendu, pas encore noté'),
      );
      const missing = lines.find((l) => plain(l).startsWith(lang === 'ar' ? 'ناقص' : 'Manquant'));
      expect(awaiting).toContain('Rédaction');
      expect(missing).toContain('Exposé');
      expect(missing).not.toContain('Rédaction');
    }
    await screenshot(session.page, `insight-${locale}-summary`);
    // Printed: the summary and its grade, without the menu, the note form or the message controls.
    await session.page.emulateMedia({ media: 'print' });
    expect(await app.nav.isVisible()).toBe(false);
    expect(await app.main.getByRole('button', { name: t('summary.copy') }).isVisible()).toBe(false);
    expect(await app.main.getByRole('button', { name: t('summary.print') }).isVisible()).toBe(false);
    expect(await grade.isVisible()).toBe(true);
    await screenshot(session.page, `insight-${locale}-summary-print`);
    await session.page.emulateMedia({ media: 'screen' });
    expect(await axe(session.page, 'main')).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
  });
});
