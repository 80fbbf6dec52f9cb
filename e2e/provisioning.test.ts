import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './checks';
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
import { LearnerSignInPage, TabletProvisionPage } from './pages/provisioning-pages';

// The register's side of issue 4: a school admin makes an enrolment code for a tablet of the school
// and sees it with its QR code; a teacher sets a learner's picture code and PIN.

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

/** The nth tablet at the school admin's school, not yet provisioned. */
async function schoolTablet(n: number): Promise<string> {
  const director = await server.db
    .selectFrom('users')
    .select('schoolId')
    .where('username', '=', DEMO.schoolAdmin)
    .executeTakeFirstOrThrow();
  const rows = await server.db
    .selectFrom('devices')
    .select('id')
    .where('schoolId', '=', director.schoolId)
    .where('status', '=', 'at_school')
    .orderBy('serialNumber')
    .execute();
  return rows[n]!.id;
}

/** The nth learner of prof1's first class. */
async function taughtLearner(n: number): Promise<string> {
  const db = server.db;
  const rows = await db
    .selectFrom('enrolments as te')
    .innerJoin('users as t', 't.id', 'te.userId')
    .innerJoin('enrolments as le', 'le.classId', 'te.classId')
    .select(['le.userId', 'te.classId'])
    .where('t.username', '=', DEMO.teacher)
    .where('te.role', '=', 'teacher')
    .where('le.role', '=', 'learner')
    .where('le.archivedAt', 'is', null)
    .orderBy('te.classId')
    .orderBy('le.userId')
    .execute();
  return rows[n]!.userId;
}

describe.each(LOCALES)('provisioning in %s', (locale) => {
  it('a school admin makes an enrolment code for a tablet and sees it with its QR code', async () => {
    const tablet = await schoolTablet(LOCALES.indexOf(locale));
    session = await openSession(browser, server, { locale, user: DEMO.schoolAdmin });
    const page = await new TabletProvisionPage(session.page, locale).open(`/tablets/${tablet}`);
    const t = page.t;
    expect(await page.fact(t('provision.credential'))).toBe(t('provision.notProvisioned'));
    expect(await page.fact(t('provision.lastSync'))).toBe(t('provision.never'));

    const code = await page.makeCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const qr = page.qrCode(code);
    await qr.waitFor();
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThan(150);
    // The code works: it is the one stored (as a hash) for this tablet, unused and not expired.
    const stored = await server.db
      .selectFrom('enrolmentCodes')
      .selectAll()
      .where('deviceId', '=', tablet)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', new Date().toISOString())
      .execute();
    expect(stored).toHaveLength(1);
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    await screenshot(session.page, `provision-${locale}-code`);
  });

  it("a teacher sets a learner's picture code and PIN", async () => {
    const learner = await taughtLearner(LOCALES.indexOf(locale));
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const page = await new LearnerSignInPage(session.page, locale).open(`/learners/${learner}`);
    const t = page.t;
    expect(await page.status('pictureCode')).toBe(t('signIn.notSet'));

    // Three identical pictures cannot be chosen: a chosen picture is pressed, a second tap unchooses it.
    await page.picture('camel').click();
    expect(await page.picture('camel').getAttribute('aria-pressed')).toBe('true');
    await page.picture('camel').click();
    expect(await page.picture('camel').getAttribute('aria-pressed')).toBe('false');

    expect(await page.setCode(['camel', 'star', 'apple'], '5807')).toBe(200);
    await page.notice(t('signIn.saved')).waitFor();
    await session.page.waitForFunction(
      ([sel, text]) => document.querySelector(sel!)?.textContent?.trim() === text,
      ['[data-testid="picture-code-status"]', t('signIn.isSet')],
    );
    expect(await page.status('pin')).toBe(t('signIn.isSet'));
    const row = await server.db
      .selectFrom('learnerSignIn')
      .selectAll()
      .where('learnerId', '=', learner)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.pictureCode!).alg).toBe('pbkdf2-sha256');
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    await screenshot(session.page, `provision-${locale}-sign-in`);
  });
});
