import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, seriousAxeViolations, smallTargets } from './checks';
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
import { ContentLibraryPage, LessonEditorPage, QuizEditorPage } from './pages/content-pages';

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

const WORDS = {
  ar: {
    quiz: 'اختبار دورة الماء',
    lesson: 'درس دورة الماء',
    q1: 'ما الذي يسقط من السحاب؟',
    options: ['المطر', 'الرمل', 'الحجر'],
    q2: 'اكتب اسم السائل الذي نشربه',
    accepted: ['الماء', 'ماء'],
    typed: 'المَاء',
    bold: 'الماء',
    rest: ' ضروري للحياة.',
  },
  fr: {
    quiz: 'Quiz du cycle de l’eau',
    lesson: 'Leçon : le cycle de l’eau',
    q1: 'Qu’est-ce qui tombe des nuages ?',
    options: ['la pluie', 'le sable', 'la pierre'],
    q2: 'Écris le nom du liquide que nous buvons',
    accepted: ['l’eau', 'eau'],
    typed: 'L’EAU',
    bold: 'L’eau',
    rest: ' est nécessaire à la vie.',
  },
} as const;

describe.each(LOCALES)('authoring content in %s', (locale) => {
  it('a teacher writes a quiz and a lesson, publishes both and finds them published in the library', async () => {
    const w = WORDS[locale as 'ar' | 'fr'];
    session = await openSession(browser, server, { locale, user: DEMO.teacher });

    const quiz = await new QuizEditorPage(session.page, locale).open('/content/quizzes/new');
    await quiz.setTitle(w.quiz);
    await quiz.setLanguage(locale as 'ar' | 'fr');
    const single = quiz.item(1, 'singleChoice');
    await quiz.prompt(single, w.q1);
    await quiz.singleChoice(single, [...w.options], 0);
    await quiz.addItem('shortText');
    const short = quiz.item(2, 'shortText');
    await quiz.prompt(short, w.q2);
    await quiz.accepted(short, [...w.accepted]);
    // The preview grades with the tablet's grader: diacritics and case do not count.
    expect(plain(await quiz.tryText(short, w.typed))).toContain(quiz.t('content.try.correct'));
    // The editor at its fullest (both items, a try-it panel open) is usable by touch and assistive tech.
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    expect((await horizontalOverflow(session.page)).overflow).toBe(0);
    expect(await quiz.publish()).toBe(1);
    expect(plain(await quiz.state())).toBe(plain(quiz.t('content.state.published', { version: 1 })));
    await screenshot(session.page, `content-quiz-${locale}`);

    const lesson = await new LessonEditorPage(session.page, locale).open('/content/lessons/new');
    await lesson.setTitle(w.lesson);
    await lesson.setLanguage(locale as 'ar' | 'fr');
    await lesson.write(1, w.bold, w.rest);
    expect(await lesson.publish()).toBe(1);
    // What was stored is what the editor showed, bold included, after the server's sanitiser.
    const saved = await lesson.block(1, 'richText').getByRole('textbox').innerHTML();
    expect(saved).toContain(`<strong>${w.bold}</strong>`);
    await screenshot(session.page, `content-lesson-${locale}`);

    const library = await new ContentLibraryPage(session.page, locale).open('/content');
    await library.search(locale === 'ar' ? 'دورة' : 'cycle');
    const rows = await library.rows();
    const published = library.t('content.status.publishedVersion', { version: 1 });
    for (const title of [w.quiz, w.lesson]) {
      const row = rows.find((r) => r[library.t('content.title')] === title);
      expect(row, `${title} in ${JSON.stringify(rows)}`).toBeDefined();
      expect(row![library.t('content.status')]).toBe(plain(published));
    }
    await screenshot(session.page, `content-library-${locale}`);
  });
});
