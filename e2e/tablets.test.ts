import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { TabletPage, TabletsPage } from './pages/tablets-pages';

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

/** Learners of the director's school who may take a tablet home: consent on file and none yet. */
async function learnersWithoutTablet() {
  const director = await server.db
    .selectFrom('users')
    .select('schoolId')
    .where('username', '=', DEMO.schoolAdmin)
    .executeTakeFirstOrThrow();
  const rows = await server.db
    .selectFrom('users')
    .leftJoin('devices', 'devices.learnerId', 'users.id')
    .select(['users.nameAr', 'users.massarCode'])
    .where('users.role', '=', 'learner')
    .where('users.schoolId', '=', director.schoolId)
    .where('users.archivedAt', 'is', null)
    .where('users.consentStatus', '=', 'granted')
    .where('devices.id', 'is', null)
    .orderBy('users.massarCode')
    .execute();
  // Searched by Arabic name in one test, so the name must be the only one of its kind.
  return rows.filter((r) => rows.filter((o) => o.nameAr === r.nameAr).length === 1);
}

describe.each(LOCALES)('the tablet register in %s', (locale) => {
  it('a school admin hands a tablet at the school to a learner, then takes it back', async () => {
    const learner = (await learnersWithoutTablet())[LOCALES.indexOf(locale)]!;
    session = await openSession(browser, server, { locale, user: DEMO.schoolAdmin });
    const list = await new TabletsPage(session.page, locale).open('/tablets');
    await list.filterByStatus('at_school');
    const statusColumn = (await list.register.locator('tbody tr td .badge').allTextContents()).map((s) =>
      s.trim(),
    );
    expect(statusColumn.length).toBeGreaterThan(1);
    expect(new Set(statusColumn)).toEqual(new Set([list.t('device.status.at_school')]));
    const serial = await list.openRow(LOCALES.indexOf(locale));

    const tablet = new TabletPage(session.page, locale);
    const t = tablet.t;
    expect(await tablet.fact(t('device.serialNumber'))).toBe(serial);
    expect(await tablet.status()).toBe(t('device.status.at_school'));
    const entriesBefore = (await tablet.history()).length;

    const guardian = locale === 'ar' ? 'فاطمة أوحماد' : 'Fatima Ouhmad';
    await tablet.handOver({
      // Found by Arabic name in Arabic, by Massar code in French: the search takes both.
      query: locale === 'ar' ? learner.nameAr : learner.massarCode!,
      massarCode: learner.massarCode!,
      guardian,
      condition: 'good',
    });
    // The page reloads the tablet after the notice shows: poll rather than race it.
    await expect.poll(() => tablet.status()).toBe(t('device.status.with_learner'));
    await screenshot(session.page, `tablet-handed-over-${locale}`);
    await expect.poll(async () => (await tablet.history()).length).toBe(entriesBefore + 1);
    const afterHandOver = await tablet.history();
    expect(afterHandOver[0]).toMatchObject({
      [t('device.historyAction')]: t('device.action.hand_over'),
      [t('learner.guardianName')]: guardian,
      [t('device.condition')]: t('device.condition.good'),
      [t('device.statusChange')]: t('device.fromTo', {
        from: t('device.status.at_school'),
        to: t('device.status.with_learner'),
      }),
    });

    await tablet.takeBack('damaged');
    await expect.poll(() => tablet.status()).toBe(t('device.status.at_school'));
    expect(await tablet.fact(t('device.condition'))).toBe(t('device.condition.damaged'));
    await expect.poll(async () => (await tablet.history()).length).toBe(entriesBefore + 2);
    const afterReturn = await tablet.history();
    expect(afterReturn[0]).toMatchObject({
      [t('device.historyAction')]: t('device.action.take_back'),
      [t('device.condition')]: t('device.condition.damaged'),
    });
  });

  it("the programme admin's summary counts all 200 donated tablets", async () => {
    session = await openSession(browser, server, { locale, user: DEMO.admin });
    const list = await new TabletsPage(session.page, locale).open('/tablets');
    expect(await list.summaryCount('total')).toBe(200);
    const statuses = ['in_stock', 'at_school', 'with_learner', 'in_repair', 'lost', 'retired'] as const;
    let sum = 0;
    for (const s of statuses) sum += await list.summaryCount(s);
    expect(sum).toBe(200);
    await screenshot(session.page, `tablets-summary-${locale}`);
  });
});
