import type { Locale, SignInPicture } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pictureLabelKey } from '../packages/web/src/ui/sign-in-pictures';
import { seriousAxeViolations } from './checks';
import {
  DEMO,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { plain } from './pages/app-page';
import { LearnerSignInPage } from './pages/provisioning-pages';

// The printable sign-in card on a learner's page: right after the teacher sets a picture code and a
// PIN it shows the three pictures in order and the digits; printed, it is all that shows; on a later
// visit the server knows only hashes, so the card says "set" and never shows the digits.

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

/** The nth learner prof1 teaches, with the titles of the classes prof1 teaches them in. */
async function taughtLearner(n: number): Promise<{ id: string; classes: string[] }> {
  const rows = await server.db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .innerJoin('classes as c', 'c.id', 'te.classId')
    .select(['le.userId', 'c.title'])
    .where('t.username', '=', DEMO.teacher)
    .where('te.role', '=', 'teacher')
    .where('le.role', '=', 'learner')
    .where('le.archivedAt', 'is', null)
    .orderBy('le.userId')
    .execute();
  const ids = [...new Set(rows.map((r) => r.userId))];
  const id = ids[n]!;
  const classes = rows
    .filter((r) => r.userId === id)
    .map((r) => r.title)
    .sort();
  return { id, classes };
}

const CODE: SignInPicture[] = ['camel', 'star', 'apple'];
const LOCALES: Locale[] = ['ar', 'fr', 'en', 'zgh'];

describe.each(LOCALES)('the learner sign-in card in %s', (locale) => {
  it('shows the pictures in order and the PIN just set; printed, only the card; later, "set" only', async () => {
    const learner = await taughtLearner(LOCALES.indexOf(locale));
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const page = await new LearnerSignInPage(session.page, locale).open(`/learners/${learner.id}`);
    const t = page.t;
    const printCard = page.section.getByRole('button', { name: t('learnerCard.print'), exact: true });
    const card = session.page.getByTestId('learner-card');

    expect(await page.setCode(CODE, '5807')).toBe(200);
    await page.notice(t('signIn.saved')).waitFor();
    await printCard.click();
    await card.waitFor();

    // The three pictures, in the order chosen, each numbered and named in the page's language.
    const items = card.getByTestId('learner-card-pictures').getByRole('listitem');
    expect(await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-picture')))).toEqual(CODE);
    expect((await items.allTextContents()).map(plain)).toEqual(
      CODE.map((p, i) => plain(`${i + 1}${t(pictureLabelKey(p))}`)),
    );
    expect(plain((await card.getByTestId('learner-card-pin').textContent()) ?? '')).toBe('5807');
    expect(plain((await card.getByTestId('learner-card-classes').textContent()) ?? '')).toBe(
      learner.classes.join(' · '),
    );
    expect(await seriousAxeViolations(session.page)).toEqual([]);

    // Printed: the card shows, the rest of the page (the picture grid, the menu) does not.
    await session.page.emulateMedia({ media: 'print' });
    expect(await card.isVisible()).toBe(true);
    expect(await page.picture('sun').isVisible()).toBe(false);
    expect(await page.header.isVisible()).toBe(false);
    await screenshot(session.page, `learner-card-${locale}-print`);
    await session.page.emulateMedia({ media: 'screen' });

    // A later visit: both are set, neither can be shown again.
    await session.page.reload();
    await page.ready();
    await printCard.click();
    await card.waitFor();
    expect(plain((await card.getByTestId('learner-card-pin-set').textContent()) ?? '')).toBe(
      t('learnerCard.pinSet'),
    );
    expect(plain((await card.getByTestId('learner-card-picture-set').textContent()) ?? '')).toBe(
      t('learnerCard.pictureCodeSet'),
    );
    expect(await card.getByTestId('learner-card-pictures').count()).toBe(0);
    expect(await card.textContent()).not.toContain('5807');
  });
});
