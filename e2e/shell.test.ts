import type { Locale, Role } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, parseRgb, pixelsOfColour } from './checks';
import {
  DEMO,
  DEMO_PASSWORD,
  LOCALES,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';

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

const open = async (options: Parameters<typeof openSession>[2]) => {
  session = await openSession(browser, server, options);
  return session.page;
};

const ROLES: Array<{ username: string; role: Role }> = [
  { username: DEMO.admin, role: 'programme_admin' },
  { username: DEMO.schoolAdmin, role: 'school_admin' },
  { username: DEMO.teacher, role: 'teacher' },
  { username: DEMO.learner, role: 'learner' },
];

/** What tells each role's home page apart from the others. */
async function expectRoleHome(home: HomePage, role: Role): Promise<void> {
  await home.ready();
  expect(new URL(home.page.url()).pathname).toBe('/');
  expect(await home.heading.textContent()).toBe(await home.greeting());
  expect(await home.navLink('nav.home').getAttribute('aria-current')).toBe('page');
  if (role === 'programme_admin' || role === 'school_admin') {
    await home.section('home.numbers').waitFor();
    await home.roleLine(role).waitFor();
    // Only the programme sees every school.
    expect(await home.statLink('home.stat.schools').count()).toBe(role === 'programme_admin' ? 1 : 0);
  } else {
    await home.section('home.myClasses').waitFor();
    expect(await home.classCards.count()).toBeGreaterThan(0);
    if (role === 'learner') await home.allMyClasses.waitFor();
    expect(await home.section('home.numbers').count()).toBe(0);
  }
}

const other = (l: Locale): Locale => (l === 'ar' ? 'fr' : 'ar');

describe.each(LOCALES)('the app shell in %s', (locale) => {
  for (const { username, role } of ROLES)
    it(`${username} signs in with the keyboard alone and lands on the ${role.replace('_', ' ')} home page`, async () => {
      const page = await open({ locale });
      const login = await new LoginPage(page, locale).open();
      await login.signInWithKeyboard(username, DEMO_PASSWORD);
      await expectRoleHome(new HomePage(page, locale), role);
      if (role === 'teacher' || role === 'learner') await screenshot(page, `home-${role}-${locale}`);
    });

  it('a wrong password shows an alert and keeps the sign-in page', async () => {
    const page = await open({ locale });
    const login = await new LoginPage(page, locale).open();
    const res = await login.answer('POST', '/api/v1/auth/login', () =>
      login.signInWithKeyboard('directeur2', 'not-the-password'),
    );
    expect(res.status()).toBe(401);
    expect((await login.error.textContent())?.trim()).toBe(login.t('login.failed'));
    await login.title.waitFor();
    await login.username.waitFor();
    expect(await login.nav.count()).toBe(0);
    // The name stays typed; the password has to be typed again.
    expect(await login.username.inputValue()).toBe('directeur2');
    await screenshot(page, `login-failed-${locale}`);
  });

  it('the language chosen on the sign-in page stays after a reload and after signing in', async () => {
    const page = await open({ locale: other(locale) });
    const before = await new LoginPage(page, other(locale)).open();
    await before.chooseLanguage(locale);
    const login = new LoginPage(page, locale);
    await login.title.waitFor();
    await page.reload();
    await login.title.waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    await login.signIn(DEMO.admin, DEMO_PASSWORD);
    const home = new HomePage(page, locale);
    await expectRoleHome(home, 'programme_admin');
    await page.reload();
    await home.ready();
    expect(await home.heading.textContent()).toBe(await home.greeting());
    expect(await home.languagePicker.inputValue()).toBe(locale);
    await home.navLink('nav.schools').waitFor();
  });

  it(`the page is laid out ${locale === 'ar' ? 'right-to-left, brand on the right' : 'left-to-right, brand on the left'}`, async () => {
    const page = await open({ locale, user: DEMO.admin });
    const home = await new HomePage(page, locale).open('/');
    expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    expect(await page.getAttribute('html', 'lang')).toBe(locale);

    const header = (await home.header.boundingBox())!;
    const mark = (await home.brandMark.boundingBox())!;
    const middle = header.x + header.width / 2;
    const markCentre = mark.x + mark.width / 2;
    if (locale === 'ar') expect(markCentre).toBeGreaterThan(middle);
    else expect(markCentre).toBeLessThan(middle);

    // The same, as a person sees it: the brand mark's colour on the pixels of each half of the header.
    const colour = parseRgb(await home.brandMark.evaluate((el) => getComputedStyle(el).backgroundColor));
    const half = { y: header.y, width: header.width / 2, height: header.height };
    const left = await page.screenshot({ clip: { ...half, x: header.x } });
    const right = await page.screenshot({ clip: { ...half, x: middle } });
    await screenshot(page, `header-${locale}`);
    const onLeft = await pixelsOfColour(page, left, colour);
    const onRight = await pixelsOfColour(page, right, colour);
    const [brandSide, otherSide] = locale === 'ar' ? [onRight, onLeft] : [onLeft, onRight];
    // The mark is 2rem square: hundreds of pixels, less its letter.
    expect(brandSide).toBeGreaterThan(300);
    expect(otherSide).toBeLessThan(20);

    // The menu starts on the same side: its first entry is nearer the brand than its second.
    const first = (await home.navLink('nav.home').boundingBox())!;
    const second = (await home.navLink('nav.schools').boundingBox())!;
    if (locale === 'ar') expect(first.x).toBeGreaterThan(second.x);
    else expect(first.x).toBeLessThan(second.x);
  });

  it('at 200 % zoom (640 px wide) no page scrolls sideways and every menu entry can be reached', async () => {
    const page = await open({ locale, user: DEMO.admin, viewport: { width: 640, height: 800 } });
    const home = await new HomePage(page, locale).open('/');
    const entries = await home.nav.getByRole('link').all();
    expect(entries.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const [i, entry] of entries.entries()) {
      await entry.scrollIntoViewIfNeeded();
      const box = (await entry.boundingBox())!;
      const hit = await entry.evaluate(
        (el, [x, y]) => el.contains(document.elementFromPoint(x!, y!)),
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      const name = await entry.textContent();
      // A pixel of slack: the scrolled menu ends at a fraction of a pixel past the edge.
      if (!hit || box.x < -1 || box.x + box.width > 641)
        problems.push(`menu entry "${name}" is out of reach`);
      const href = (await entry.getAttribute('href'))!;
      await entry.click();
      await page.waitForURL((u) => u.pathname === href);
      await home.ready();
      const { overflow, widest } = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${page.url()} scrolls ${overflow} px sideways (${widest.join(', ')})`);
      if (i < 3)
        await screenshot(page, `zoom200-${locale}-${new URL(page.url()).pathname.slice(1) || 'home'}`);
    }
    expect(problems).toEqual([]);
  });
});
