import type { Locale } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../packages/server/src/db/schema';
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
import { CalendarPage } from './pages/calendar-page';
import { ClassPage } from './pages/classes-pages';
import { LearnersPage } from './pages/learners-page';

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

type Person = Pick<DB['users'], 'id' | 'nameAr' | 'givenName' | 'familyName' | 'massarCode' | 'schoolId'>;
const nameIn = (p: Person, locale: Locale) => (locale === 'ar' ? p.nameAr : `${p.givenName} ${p.familyName}`);

const account = (username: string) =>
  server.db
    .selectFrom('users')
    .select(['id', 'schoolId', 'nameAr', 'givenName', 'familyName', 'massarCode'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

const activeLearners = (schoolId: string) =>
  server.db
    .selectFrom('users')
    .select(['id', 'schoolId', 'nameAr', 'givenName', 'familyName', 'massarCode'])
    .where('role', '=', 'learner')
    .where('schoolId', '=', schoolId)
    .where('archivedAt', 'is', null)
    .orderBy('massarCode')
    .execute();

describe.each(LOCALES)('the roster in %s', (locale) => {
  it('the programme admin adds a school year, creates a class in it and enrols a learner found by search', async () => {
    const teacher = await account(DEMO.teacher);
    const school = await server.db
      .selectFrom('schools')
      .select(['nameAr', 'nameFr'])
      .where('id', '=', teacher.schoolId!)
      .executeTakeFirstOrThrow();
    const learners = await activeLearners(teacher.schoolId!);
    // A learner whose Arabic name no one else at the school has, a different one in each language.
    const unique = learners.filter((l) => learners.filter((o) => o.nameAr === l.nameAr).length === 1);
    const learner = unique[LOCALES.indexOf(locale)]!;

    session = await openSession(browser, server, { locale, user: DEMO.admin });
    const calendar = await new CalendarPage(session.page, locale).open('/calendar');
    // Each language adds its own year, so the class is new whichever test runs first.
    const from = locale === 'ar' ? 2031 : 2032;
    const year = `${from}-${from + 1}`;
    await calendar.addSchoolYear(year, `${from}-09-15`, `${from + 1}-06-30`);
    await calendar.year(year).waitFor();

    const classPage = await new ClassPage(session.page, locale).open('/classes/new');
    const title = locale === 'ar' ? 'السادس ابتدائي - الرياضيات' : '6AP-B Mathématiques';
    await classPage.create({
      school: locale === 'ar' ? school.nameAr : school.nameFr,
      year,
      title,
      cycle: 'primaire',
      level: '6AP',
      subject: 'mathematics',
      teacher: nameIn(teacher, locale),
    });

    // Arabic users find a learner by name, French ones by Massar code: both searches are offered.
    await classPage.enrol(locale === 'ar' ? learner.nameAr : learner.massarCode!, nameIn(learner, locale));
    await screenshot(session.page, `class-enrolled-${locale}`);
    const enrolled = await classPage.learners(title);
    const t = classPage.t;
    expect(enrolled).toEqual([
      expect.objectContaining({
        [t('learner.massarCode')]: learner.massarCode,
        [t('learner.name')]: nameIn(learner, locale),
      }),
    ]);
  });

  it("a school admin's list of learners holds their school's learners and no one else's", async () => {
    const director = await account(DEMO.schoolAdmin);
    const own = await activeLearners(director.schoolId!);
    const elsewhere = await server.db
      .selectFrom('users')
      .select('massarCode')
      .where('role', '=', 'learner')
      .where('schoolId', '!=', director.schoolId)
      .orderBy('massarCode')
      .executeTakeFirstOrThrow();

    session = await openSession(browser, server, { locale, user: DEMO.schoolAdmin });
    const list = await new LearnersPage(session.page, locale).open('/learners');
    expect(await list.schoolFilter.count()).toBe(0);
    expect(await list.total()).toBe(own.length);
    await screenshot(session.page, `learners-school-admin-${locale}`);

    await list.search(elsewhere.massarCode!);
    expect(await list.total()).toBe(0);
    expect(await list.rows()).toEqual([]);

    const mine = own[own.length - 1]!;
    await list.search(mine.massarCode!);
    expect(await list.total()).toBe(1);
    expect((await list.rows())[0]).toMatchObject({ [list.t('learner.massarCode')]: mine.massarCode });
  });
});
