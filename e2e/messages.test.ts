import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrolmentCodeResponse, Locale } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../packages/server/src/features/media/media.fixtures';
import { seriousAxeViolations, smallTargets } from './checks';
import { sharedClassTablet } from './class-tablet.fixtures';
import {
  apiAs,
  DEMO,
  LOCALES,
  launchBrowser,
  openSession,
  openTablet,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { AppPage, plain } from './pages/app-page';
import { TabletLearnerPage } from './pages/tablet-learner-pages';
import { CODE } from './tablet-learner.fixtures';

// Announcements, in Arabic and in French: a teacher posts one to the class from the class page; a
// tablet of the school enrols and syncs; the learner signs in and reads it on their home, marked
// new. The learner then asks a question about a task offline ("waiting to send"), and back online
// it reaches the teacher's thread for that task.

let server: TestServer;
let browser: Browser;
let session: Session | null = null;
let tablet: Session | null = null;

beforeAll(async () => {
  process.env.MEDIA_DIR = mkdtempSync(join(tmpdir(), 'lawh-e2e-media-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await session?.context.close();
  await tablet?.context.close();
  session = null;
  tablet = null;
});

/** eleve1's class, its teacher, one of its learners with a picture code, a task, and a tablet of the school. */
async function world(locale: Locale, index: number) {
  const { classId, learner, teacherUsername, deviceId, admin } = await sharedClassTablet(server, index);
  const ar = locale === 'ar';
  const title = ar ? 'واجب: صف منزلك' : 'Devoir : décris ta maison';
  const api = await apiAs(server, teacherUsername);
  const task = await api.post<{ id: string }>(`/api/v1/classes/${classId}/assignments`, {
    kind: 'task',
    title,
    instructions: ar ? 'اكتب ثلاث جمل.' : 'Écris trois phrases.',
    audience: { type: 'learners', learnerIds: [learner.id] },
    dueAt: new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
  });
  // A live class tomorrow, on a link of its own: the tablet lists it with that link.
  const live = {
    title: ar ? 'حصة مباشرة: الوصف' : 'Cours en direct : la description',
    joinUrl: `https://visio.example.org/lawh-${locale}`,
  };
  await api.post(`/api/v1/classes/${classId}/live-sessions`, {
    title: live.title,
    startsAt: new Date(Date.now() + 20 * 3600_000).toISOString(),
    durationMinutes: 45,
    meetingUrl: live.joinUrl,
  });
  const code = await admin.post<EnrolmentCodeResponse>(`/api/v1/devices/${deviceId}/enrolment-codes`, {});
  const name = ar && learner.nameAr ? learner.nameAr : `${learner.givenName} ${learner.familyName}`;
  return {
    classId,
    teacher: teacherUsername,
    learner: { id: learner.id, name },
    taskId: task.id,
    title,
    live,
    code,
  };
}

describe.each(LOCALES.map((l, i) => [l, i] as const))('messages in %s', (locale, index) => {
  it('a teacher announces to the class; the tablet learner reads it after sync; their question reaches the teacher', async () => {
    const w = await world(locale, index);
    const ar = locale === 'ar';
    const body = ar
      ? 'غدًا خرجة إلى السوق على الساعة 9:30. أحضروا دفترًا.'
      : 'Demain, sortie au souk à 9 h 30. Apportez un cahier.';

    // The teacher posts from the class page.
    session = await openSession(browser, server, { locale, user: w.teacher });
    const teacher = new AppPage(session.page, locale);
    await teacher.open(`/classes/${w.classId}`);
    const t = teacher.t;
    const section = teacher.main.locator('section.announcements');
    await section.getByRole('textbox', { name: t('announce.body') }).fill(body);
    // With a worksheet attached, uploaded through the media store.
    await teacher.answer('POST', '/api/v1/media', () =>
      section.getByLabel(t('announce.attachment')).setInputFiles({
        name: 'liste.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('Liste'),
      }),
    );
    await section.locator('form').getByRole('link', { name: 'liste.pdf' }).waitFor();
    await teacher.answer('POST', '/api/teacher/v1/events', () =>
      section.getByRole('button', { name: t('announce.post'), exact: true }).click(),
    );
    await teacher.notice(t('announce.posted')).waitFor();
    await section.locator('.announcement-body').filter({ hasText: body }).waitFor();
    expect(await seriousAxeViolations(teacher.page), 'class page').toEqual([]);
    await screenshot(teacher.page, `messages-teacher-${locale}`);

    // A tablet of the school enrols; its first sync brings the announcement.
    tablet = await openTablet(browser, server, { locale });
    const { context, page } = tablet;
    const learner = new TabletLearnerPage(page, locale);
    const url = new URL(w.code.enrolUrl);
    await page.goto(url.pathname + url.search);
    await learner.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await learner.learnerButton(w.learner.name).click();
    await learner.pictures(CODE);
    await learner.heading.filter({ hasText: t('tablet.home.title') }).waitFor();
    const news = learner.main.locator('section.tablet-announcements');
    await news.getByRole('heading', { name: t('tablet.announce.title') }).waitFor();
    const card = news.locator('li.tablet-announcement').filter({ hasText: body });
    await card.waitFor();
    expect(plain((await card.textContent()) ?? '')).toContain(t('tablet.announce.new'));
    // The worksheet opens from the tablet once the media manager has it (offline too).
    await card.getByRole('link', { name: /liste\.pdf/ }).waitFor({ timeout: 30_000 });
    // The time inside Arabic text keeps its order.
    expect(plain((await card.locator('.tablet-announcement-body').textContent()) ?? '')).toBe(body);
    // The class's live session, with the link to join it.
    const live = learner.main.locator('section.tablet-live');
    await live.getByRole('heading', { name: t('tablet.live.title') }).waitFor();
    await live.getByText(w.live.title).waitFor();
    const join = live.getByRole('link', { name: t('tablet.live.joinNamed', { title: w.live.title }) });
    expect(await join.getAttribute('href')).toBe(w.live.joinUrl);
    expect(await seriousAxeViolations(page), 'tablet home').toEqual([]);
    expect(await smallTargets(page), 'tablet home').toEqual([]);
    await screenshot(page, `messages-tablet-${locale}`);

    // Offline, the learner asks about the task: it waits on the tablet, then reaches the teacher.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await learner.main.locator('li.task-card').filter({ hasText: w.title }).getByRole('link').click();
    await learner.heading.filter({ hasText: w.title }).waitFor();
    const question = ar ? 'هل أكتب عن المطبخ أيضًا؟' : 'Est-ce que je parle aussi de la cuisine ?';
    const thread = learner.main.locator('section.task-comments');
    await thread.getByRole('textbox', { name: t('tablet.comments.label') }).fill(question);
    await thread.getByRole('button', { name: t('tablet.comments.send'), exact: true }).click();
    const mine = thread.locator('li.tablet-comment').filter({ hasText: question });
    await mine.getByText(t('tablet.comments.waiting'), { exact: true }).waitFor();
    await context.setOffline(false);
    await expect
      .poll(
        async () => {
          const res = await session!.page.request.get(
            `/api/v1/assignments/${w.taskId}/threads/${w.learner.id}`,
          );
          return ((await res.json()) as { items: Array<{ body: string }> }).items.map((c) => c.body);
        },
        { timeout: 60_000 },
      )
      .toEqual([question]);
    await mine
      .getByText(t('tablet.comments.waiting'), { exact: true })
      .waitFor({ state: 'detached', timeout: 60_000 });

    // The teacher reads it on the task's comments page.
    await teacher.open(`/assignments/${w.taskId}/comments`);
    await teacher.main.getByRole('button', { name: w.learner.name }).click();
    await teacher.main.locator('.comment-body').filter({ hasText: question }).waitFor();
    expect(await seriousAxeViolations(teacher.page), 'comments page').toEqual([]);
    expect(await smallTargets(teacher.page), 'comments page').toEqual([]);
    await screenshot(teacher.page, `messages-comments-${locale}`);
  });

  it('a new announcement raises a notification outside quiet hours, and only shows in the app inside them', async () => {
    const w = await world(locale, index + 2);
    const db = server.db;
    const school = await db
      .selectFrom('classes')
      .select('schoolId')
      .where('id', '=', w.classId)
      .executeTakeFirstOrThrow();
    // Casablanca's wall clock now, and quiet hours around it or away from it.
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Africa/Casablanca',
      hour: '2-digit',
      hour12: false,
    }).formatToParts(new Date());
    const hour = Number(parts.find((p) => p.type === 'hour')?.value) % 24;
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const head = await apiAs(server, DEMO.schoolAdmin);
    const quiet = (start: string, end: string) =>
      head.put(`/api/v1/schools/${school.schoolId}/quiet-hours`, { start, end });
    await quiet(hh(hour + 2), hh(hour + 3));
    const teacher = await apiAs(server, w.teacher);
    const announce = (body: string) =>
      teacher.post('/api/teacher/v1/events', {
        events: [
          {
            id: crypto.randomUUID(),
            kind: 'announcement.posted',
            v: 1,
            clientTs: new Date().toISOString(),
            payload: { announcementId: crypto.randomUUID(), classId: w.classId, body },
          },
        ],
      });

    tablet = await openTablet(browser, server, { locale, permissions: ['notifications'] });
    const { context, page } = tablet;
    // What the tablet shows as system notifications, recorded in the page.
    await context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { __shown: string[] }).__shown = shown;
      ServiceWorkerRegistration.prototype.showNotification = async (title: string) => {
        shown.push(title);
      };
    });
    const shown = () => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    const learner = new TabletLearnerPage(page, locale);
    const t = learner.t;
    const url = new URL(w.code.enrolUrl);
    await page.goto(url.pathname + url.search);
    await learner.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    // The first sync is the baseline: what was already there is not news.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('lawh.notified'))).not.toBeNull();
    expect(await shown()).toEqual([]);

    const teacherName = await db
      .selectFrom('users')
      .select(['givenName', 'familyName'])
      .where('username', '=', w.teacher)
      .executeTakeFirstOrThrow();
    const title = plain(
      t('tablet.notify.announcement', { name: `${teacherName.givenName} ${teacherName.familyName}` }),
    );
    await announce(locale === 'ar' ? 'لا دراسة يوم الجمعة.' : 'Pas de classe vendredi.');
    await expect.poll(async () => (await shown()).map(plain), { timeout: 60_000 }).toEqual([title]);

    // Inside quiet hours the next one only reaches the app.
    await quiet(hh(hour - 1), hh(hour + 1));
    const hushed = locale === 'ar' ? 'اجتماع الآباء يوم السبت.' : 'Réunion des parents samedi.';
    // Let the tablet take the new quiet hours before the announcement arrives.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const idb = await new Promise<IDBDatabase>((resolve, reject) => {
              const req = indexedDB.open('lawh-tablet');
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            });
            const rows = await new Promise<Array<{ data: { quietHours?: { start: string } } }>>((resolve) => {
              const req = idb.transaction('rows').objectStore('rows').index('entity').getAll('school');
              req.onsuccess = () => resolve(req.result);
            });
            idb.close();
            return rows[0]?.data.quietHours?.start ?? null;
          }),
        { timeout: 60_000 },
      )
      .toBe(hh(hour - 1));
    await announce(hushed);
    await learner.learnerButton(w.learner.name).click();
    await learner.pictures(CODE);
    await learner.main
      .locator('li.tablet-announcement')
      .filter({ hasText: hushed })
      .waitFor({ timeout: 60_000 });
    expect((await shown()).map(plain)).toEqual([title]);
  });

  it("a school admin sets the school's quiet hours on its page", async () => {
    const school = await server.db
      .selectFrom('users')
      .select('schoolId')
      .where('username', '=', DEMO.schoolAdmin)
      .executeTakeFirstOrThrow();
    session = await openSession(browser, server, { locale, user: DEMO.schoolAdmin });
    const head = new AppPage(session.page, locale);
    await head.open(`/schools/${school.schoolId}`);
    const t = head.t;
    const before = await server.db
      .selectFrom('schools')
      .select(['quietStart', 'quietEnd'])
      .where('id', '=', school.schoolId!)
      .executeTakeFirstOrThrow();
    const start = head.main.getByLabel(t('quiet.start'), { exact: true });
    await expect.poll(() => start.inputValue()).toBe(before.quietStart);
    const [from, to] = locale === 'ar' ? ['20:30', '06:45'] : ['21:30', '06:30'];
    await start.fill(from);
    await head.main.getByLabel(t('quiet.end'), { exact: true }).fill(to);
    await head.answer('PUT', `/api/v1/schools/${school.schoolId}/quiet-hours`, () =>
      head.main.getByRole('button', { name: t('quiet.save'), exact: true }).click(),
    );
    await head.notice(t('quiet.saved')).waitFor();
    const row = await server.db
      .selectFrom('schools')
      .select(['quietStart', 'quietEnd'])
      .where('id', '=', school.schoolId!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ quietStart: from, quietEnd: to });
    expect(await seriousAxeViolations(head.page), 'school page').toEqual([]);
  });
});
