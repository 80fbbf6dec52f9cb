import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFiles, zipDirectory, zipFiles } from '../packages/server/test/helpers-roster';
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
import { LearnersPage } from './pages/learners-page';
import { RosterPage } from './pages/roster-page';

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

// From packages/server/test/fixtures/oneroster/users.csv: 10 learners, the first of them this one.
const FIXTURE_LEARNERS = 10;
const YOUSSEF = { massarCode: 'D130245871', nameAr: 'يوسف آيت إبراهيم', latin: 'Youssef Ait Brahim' };

describe.each(LOCALES)('OneRoster import in %s', (locale) => {
  it('the fixture roster is checked, imported with its counts shown, and its learners are listed', async () => {
    session = await openSession(browser, server, { locale, user: DEMO.admin });
    const roster = await new RosterPage(session.page, locale).open('/roster');
    const t = roster.t;
    expect(await roster.check('roster.zip', zipDirectory())).toBe(200);
    await roster.notice(t('roster.previewReady')).waitFor();
    const preview = await roster.counts(t('roster.previewCaption'), ['learners', 'enrolments']);

    expect(await roster.importChecked()).toBe(200);
    await screenshot(session.page, `roster-imported-${locale}`);
    const counts = await roster.counts(t('import.counts'), ['learners', 'teachers', 'enrolments']);
    // Whichever language runs first creates them; the other finds them unchanged.
    const [created, updated, unchanged] = counts.learners!;
    expect({ updated, all: created! + unchanged! }).toEqual({ updated: 0, all: FIXTURE_LEARNERS });
    expect(counts.learners).toEqual(preview.learners);
    expect(counts.enrolments).toEqual(preview.enrolments);

    const learners = await new LearnersPage(session.page, locale).open('/learners');
    await learners.search(YOUSSEF.massarCode);
    const rows = await learners.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      [t('learner.massarCode')]: YOUSSEF.massarCode,
      [t('people.nameAr')]: YOUSSEF.nameAr,
    });
  });

  it('a roster with mistakes lists each by file, line and column, and imports nothing', async () => {
    const files = fixtureFiles();
    // A learner who is in no other file, so finding them afterwards would mean a partial import.
    const newcomer = locale === 'ar' ? 'D139990001' : 'D139990002';
    files['users.csv'] +=
      `stu-e2e-${locale},,,true,sch-zag-01,student,,,Nouhaila,Testaoui,,${newcomer},,,,,05,,نهيلة التستاوي,F,2015,,,pending,\n`;
    // Line 7 (the header is line 1) gets a Massar code one digit short.
    files['users.csv'] = files['users.csv']!.replace('D130245873', 'D13024587');

    session = await openSession(browser, server, { locale, user: DEMO.admin });
    const roster = await new RosterPage(session.page, locale).open('/roster');
    const t = roster.t;
    expect(await roster.check('roster-with-mistakes.zip', zipFiles(files))).toBe(422);
    await roster.notice(t('import.nothingImported')).waitFor();
    await screenshot(session.page, `roster-problems-${locale}`);
    const problems = await roster.problems();
    expect(problems).toEqual([
      expect.objectContaining({ file: 'users.csv', line: '7', column: 'identifier' }),
    ]);
    expect(problems[0]!.message).not.toBe('');
    expect(await roster.main.getByRole('button', { name: t('roster.import'), exact: true }).count()).toBe(0);

    const learners = await new LearnersPage(session.page, locale).open('/learners');
    await learners.search(newcomer);
    expect(await learners.total()).toBe(0);
    const written = await server.db
      .selectFrom('users')
      .select('id')
      .where('sourcedId', '=', `stu-e2e-${locale}`)
      .execute();
    expect(written).toEqual([]);
  });
});
