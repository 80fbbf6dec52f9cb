import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, type SyncRow } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png, wav, webm } from '../packages/server/src/features/media/media.fixtures';
import type { MediaRecord } from '../packages/web/src/features/content/media-api';
import { horizontalOverflow, seriousAxeViolations, smallTargets } from './checks';
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
import { exactly, plain } from './pages/app-page';
import { TabletLearnerPage, text } from './pages/tablet-learner-pages';
import { CODE, PIN, world } from './tablet-learner.fixtures';

// A shared tablet, offline, in Arabic and in French: a learner signs in with a picture code, does a
// lesson and a quiz, sees the work waiting to be sent, signs out; the next learner sees none of it.
// The tablet's identity and rows are put into IndexedDB as enrolment and a first pull would.

let server: TestServer;
let browser: Browser;
let session: Session | null = null;

// Uploaded media go to a throwaway folder, not ./data/media.
process.env.MEDIA_DIR = mkdtempSync(join(tmpdir(), 'lawh-e2e-media-'));

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

/** Checks the answer and waits for the verdict the shared grader gave. */
async function checkAnswer(tablet: TabletLearnerPage, correct: boolean) {
  await tablet.button('tablet.quiz.check').click();
  const verdict = tablet.page
    .locator('.quiz-ok, .quiz-wrong')
    .getByText(tablet.t(correct ? 'tablet.quiz.correct' : 'tablet.quiz.incorrect'), { exact: true });
  await verdict.waitFor();
}

async function checkScreen(tablet: TabletLearnerPage, name: string) {
  expect(await seriousAxeViolations(tablet.page), name).toEqual([]);
  expect(await smallTargets(tablet.page), name).toEqual([]);
  expect((await horizontalOverflow(tablet.page)).overflow, name).toBe(0);
  await screenshot(tablet.page, `tablet-learner-${name}-${tablet.locale}`);
}

describe.each(LOCALES)('a shared tablet in %s', (locale) => {
  it('a learner signs in with pictures, does a lesson and a quiz offline; the next learner sees none of it', async () => {
    const w = await world(server, locale as 'ar' | 'fr');
    // The service worker as on a real tablet: it holds the app, and the players that load on first use.
    session = await openSession(browser, server, {
      locale,
      viewport: { width: 1024, height: 768 },
      serviceWorkers: 'allow',
    });
    const tablet = new TabletLearnerPage(session.page, locale);
    const ar = locale === 'ar';
    const words = ar ? ['الماء', 'الحليب', 'الحجر'] : ['l’eau', 'le lait', 'la pierre'];
    const name = (l: SyncRow<'learner'>) =>
      locale === 'ar' && l.nameAr ? l.nameAr : `${l.givenName} ${l.familyName}`;

    // A tablet that is not set up says so, and the app has created its local database.
    await tablet.page.goto('/tablet');
    await tablet.main.getByText(tablet.t('tablet.picker.notEnrolled')).waitFor();
    await tablet.seed(w.device, w.rows);
    await tablet.page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await tablet.page.reload();
    await tablet.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await tablet.learnerButton(name(w.first)).waitFor();
    await checkScreen(tablet, 'picker');

    // From here on there is no network.
    await session.context.setOffline(true);
    await tablet.learnerButton(name(w.first)).click();
    await tablet.heading.filter({ hasText: name(w.first) }).waitFor();
    // A wrong code is refused, with a clear message; Undo takes back the last picture.
    await tablet.pictures(['sun', 'moon']);
    await tablet.button('tablet.signIn.undo').click();
    expect(plain(await text(tablet.status))).toBe(tablet.t('tablet.signIn.picturesChosen', { count: 1 }));
    await tablet.pictures(['moon', 'star']);
    await tablet.status.getByText(tablet.t('tablet.signIn.wrong')).waitFor();
    await checkScreen(tablet, 'sign-in');
    await tablet.pictures(CODE);
    await tablet.heading.filter({ hasText: tablet.t('tablet.home.title') }).waitFor();

    // Home: the late quiz first, marked late; the lesson due tomorrow.
    const cards = tablet.main.locator('li.tablet-card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await text(cards.nth(0))).toContain(w.quiz.title);
    expect(await cards.nth(0).locator('.overdue-text').count()).toBe(1);
    expect(await text(cards.nth(1))).toContain(w.lesson.title);
    await checkScreen(tablet, 'home');

    // The lesson.
    await tablet.card(w.lesson.title).getByRole('link').click();
    await tablet.heading.filter({ hasText: w.lesson.title }).waitFor();
    expect(await tablet.main.locator('.rich-text strong').count()).toBe(1);
    await checkScreen(tablet, 'lesson');
    await tablet.button('tablet.lesson.done').click();
    await tablet.main.getByText(tablet.t('tablet.lesson.finished')).waitFor();
    await tablet.main
      .getByRole('link', { name: tablet.t('tablet.backHome') })
      .first()
      .click();
    await expect.poll(() => text(tablet.card(w.lesson.title))).toContain(tablet.t('tablet.sync.waiting'));
    expect(await text(tablet.card(w.lesson.title))).toContain(tablet.t('tablet.state.completed'));

    // The quiz: a hint, immediate feedback, an ordering done with the arrow buttons (no dragging).
    await tablet.card(w.quiz.title).getByRole('link').click();
    await tablet.heading.filter({ hasText: w.quiz.title }).waitFor();
    await tablet.button('tablet.quiz.showHint').click();
    const q1 = (w.quiz.body as { items: Array<{ options: Array<{ text: string }> }> }).items[0]!;
    await tablet.main.getByRole('radio', { name: q1.options[0]!.text }).check();
    await checkScreen(tablet, 'quiz');
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.next').click();
    // Put 1, 2, 3 in order whatever order they start in: move each number to its place.
    for (const [place, n] of ['1', '2', '3'].entries()) {
      const rows = tablet.main.locator('li.quiz-order-row');
      let at = (await rows.allTextContents()).findIndex((s) => s.trim().startsWith(n));
      while (at > place) {
        await tablet.page
          .getByRole('button', { name: exactly(tablet.t('content.moveUpNamed', { name: n })) })
          .click();
        at--;
      }
    }
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.next').click();
    // Multiple choice, half right: "not right", with the item's feedback.
    await tablet.main.getByRole('checkbox', { name: words[0] }).check();
    await tablet.main.getByRole('checkbox', { name: words[2] }).check();
    await checkAnswer(tablet, false);
    await tablet.main.getByText(ar ? 'الماء والحليب يسيلان.' : 'L’eau et le lait coulent.').waitFor();
    await checkScreen(tablet, 'quiz-feedback');
    await tablet.button('tablet.quiz.next').click();
    // True or false.
    await tablet.main.getByRole('radio', { name: tablet.t('content.item.true') }).check();
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.next').click();
    // Matching with one list per row (no dragging).
    await tablet.main
      .locator('label.quiz-match-row', { hasText: ar ? 'الجليد' : 'la glace' })
      .locator('select')
      .selectOption({ label: ar ? 'صلب' : 'solide' });
    await tablet.main
      .locator('label.quiz-match-row', { hasText: ar ? 'البخار' : 'la vapeur' })
      .locator('select')
      .selectOption({ label: ar ? 'غاز' : 'gaz' });
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.next').click();
    // A number, then a word typed with diacritics and capitals, which the shared grader ignores.
    await tablet.main.getByLabel(tablet.t('content.try.yourAnswer')).fill('7');
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.next').click();
    await tablet.main.getByLabel(tablet.t('content.try.yourAnswer')).fill(ar ? 'مَاء' : 'EAU');
    await checkAnswer(tablet, true);
    await tablet.button('tablet.quiz.finish').click();
    await tablet.main.getByText(tablet.t('tablet.quiz.mastered')).waitFor();
    expect(await text(tablet.main.locator('.quiz-score'))).toBe(
      plain(tablet.t('tablet.quiz.result', { correct: 6, answered: 7, score: '86%' })),
    );
    await checkScreen(tablet, 'quiz-end');
    await tablet.main
      .getByRole('link', { name: tablet.t('tablet.backHome') })
      .first()
      .click();
    await expect.poll(() => text(tablet.card(w.quiz.title))).toContain(tablet.t('tablet.state.mastered'));
    expect(await text(tablet.card(w.quiz.title))).toContain(tablet.t('tablet.sync.waiting'));

    // Everything is in the outbox, as the first learner's.
    const events = await tablet.outbox();
    expect(events.map((e) => e.kind)).toEqual([
      'lesson.opened',
      'lesson.completed',
      ...Array<string>(7).fill('quiz.answered'),
      'quiz.completed',
    ]);
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([w.first.id]));
    expect(events.at(-1)?.payload).toMatchObject({ correct: 6, answered: 7, mastered: true, score: 0.8571 });

    // Sign out: the next learner signs in with a PIN and sees nothing of the first's work.
    await tablet.signOut();
    await tablet.learnerButton(name(w.second)).click();
    await tablet.typePin(PIN);
    await tablet.heading.filter({ hasText: tablet.t('tablet.home.title') }).waitFor();
    await expect.poll(() => cards.count()).toBe(2);
    for (const title of [w.lesson.title, w.quiz.title]) {
      const card = await text(tablet.card(title));
      expect(card).toContain(tablet.t('tablet.state.new'));
      expect(card).not.toContain(tablet.t('tablet.sync.waiting'));
    }
    await screenshot(tablet.page, `tablet-learner-second-home-${locale}`);

    // A reload forgets who was signed in.
    await session.context.setOffline(false);
    await tablet.page.reload();
    await tablet.heading.filter({ hasText: tablet.t('tablet.picker.title') }).waitFor();
  });
});

describe('the lesson player', () => {
  it('shows every block type, plays the spoken version of a block and opens the quiz of the lesson', async () => {
    const locale = 'ar';
    const w = await world(server, locale);
    // The media endpoint wants a session; on a real tablet the service worker answers from its cache.
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const tablet = new TabletLearnerPage(session.page, locale);
    const teacher = await apiAs(server, DEMO.teacher);
    const up = async (bytes: Buffer, type: string, name: string) =>
      (await teacher.upload<MediaRecord>('/api/v1/media', new Blob([new Uint8Array(bytes)], { type }), name))
        .hash;
    const [picture, sound, film, doc] = await Promise.all([
      up(await png(64, 48), 'image/png', 'rain.png'),
      up(wav(2000), 'audio/wav', 'rain.wav'),
      up(webm({ video: { width: 64, height: 48 }, durationMs: 1000 }), 'video/webm', 'rain.webm'),
      up(pdf('Rain'), 'application/pdf', 'rain.pdf'),
    ]);
    const spoken = { hash: sound, kind: 'audio' as const };
    const lesson: SyncRow<'content'> = {
      ...w.lesson,
      body: {
        blocks: [
          { id: newId(), type: 'richText', html: '<p>المطر <em>ماء</em>.</p>', spoken },
          {
            id: newId(),
            type: 'image',
            media: { hash: picture, kind: 'image', alt: 'قطرات المطر' },
            caption: 'المطر',
          },
          { id: newId(), type: 'audio', media: { hash: sound, kind: 'audio' }, caption: 'صوت المطر' },
          { id: newId(), type: 'video', media: { hash: film, kind: 'video' }, caption: 'فيلم المطر' },
          { id: newId(), type: 'pdf', media: { hash: doc, kind: 'pdf' }, title: 'ورقة المطر' },
          { id: newId(), type: 'quiz', quizId: w.quiz.id },
        ],
      },
    };
    const rows = w.rows.map((r) =>
      r.entity === 'content' && r.key === lesson.id ? { ...r, data: lesson } : r,
    );

    await tablet.page.goto('/tablet');
    await tablet.main.getByText(tablet.t('tablet.picker.notEnrolled')).waitFor();
    await tablet.seed(w.device, rows);
    await tablet.page.reload();
    await tablet.learnerButton(w.first.nameAr ?? '').click();
    await tablet.pictures(CODE);
    await tablet.card(lesson.title).getByRole('link').click();
    await tablet.heading.filter({ hasText: lesson.title }).waitFor();

    const main = tablet.main;
    expect(await main.locator('.rich-text em').count()).toBe(1);
    const img = main.getByRole('img', { name: 'قطرات المطر' });
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(64);
    expect(await main.locator(`audio[src$="${sound}"]`).count()).toBe(2); // the sound block and the spoken version
    expect(await main.locator(`video[src$="${film}"]`).count()).toBe(1);
    expect(
      await main
        .getByRole('link', { name: tablet.t('tablet.lesson.openPdf', { title: 'ورقة المطر' }) })
        .getAttribute('href'),
    ).toBe(`/api/v1/media/${doc}`);

    // The spoken version: one button that plays and pauses.
    const listen = main.getByRole('button', { name: tablet.t('tablet.spoken.play') });
    await listen.click();
    const pause = main.getByRole('button', { name: tablet.t('tablet.spoken.pause') });
    await expect.poll(() => pause.getAttribute('aria-pressed')).toBe('true');
    await pause.click();
    await expect.poll(() => listen.getAttribute('aria-pressed')).toBe('false');
    await checkScreen(tablet, 'lesson-blocks');

    // The quiz block opens the quiz player.
    await main
      .getByRole('link', { name: tablet.t('tablet.lesson.openQuiz', { title: w.quiz.title }) })
      .click();
    await tablet.heading.filter({ hasText: w.quiz.title }).waitFor();
  });
});
