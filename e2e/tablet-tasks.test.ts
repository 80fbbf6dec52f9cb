import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrolmentCodeResponse, GradingQueue, Locale, MediaRecord } from '@lawh/shared';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTargets } from './checks';
import { sharedClassTablet } from './class-tablet.fixtures';
import {
  type ApiClient,
  apiAs,
  LOCALES,
  launchBrowser,
  openSession,
  openTablet,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { plain } from './pages/app-page';
import { GradingPage } from './pages/classroom-pages';
import { TabletLearnerPage } from './pages/tablet-learner-pages';
import { CODE } from './tablet-learner.fixtures';

// A task answered offline on a tablet, in Arabic and in French: the teacher sets a task with a
// picture; the tablet enrols and goes offline; the learner writes an answer, takes a photo (resized
// on the tablet) and records a voice note, and sees "waiting to send"; back online the files go up
// before the event and the card says "sent"; the teacher grades it (10/20, a written note and a
// recorded one with the microphone, on the grading page) and returns it; the tablet shows the grade, in order inside Arabic, and plays the
// teacher's voice.

let server: TestServer;
let browser: Browser;
let session: Session | null = null;

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
  session = null;
});

interface World {
  code: EnrolmentCodeResponse;
  teacher: ApiClient;
  /** The same teacher, for a browser session on the grading page. */
  teacherUsername: string;
  learner: { id: string; name: string };
  taskId: string;
  title: string;
  pictureHash: string;
}

/** eleve1's class, a tablet of the school, one learner with a picture code, and a task with a picture. */
async function world(locale: Locale, index: number): Promise<World> {
  const { classId, learner, teacherUsername, deviceId, admin } = await sharedClassTablet(server, index);
  const teacher = await apiAs(server, teacherUsername);

  const ar = locale === 'ar';
  const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#1f5f4a' } })
    .png()
    .toBuffer();
  const picture = await teacher.upload<MediaRecord>(
    '/api/v1/media',
    new Blob([new Uint8Array(png)], { type: 'image/png' }),
    'cycle.png',
  );
  const title = ar ? 'واجب: ارسم دورة الماء' : 'Devoir : dessine le cycle de l’eau';
  const task = await teacher.post<{ id: string }>(`/api/v1/classes/${classId}/assignments`, {
    kind: 'task',
    title,
    instructions: ar
      ? 'ارسم دورة الماء والتقط صورة لرسمك.'
      : 'Dessine le cycle de l’eau et prends ton dessin en photo.',
    attachments: [{ hash: picture.hash, name: 'cycle.png' }],
    audience: { type: 'learners', learnerIds: [learner.id] },
    dueAt: new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
    maxPoints: 20,
  });
  const code = await admin.post<EnrolmentCodeResponse>(`/api/v1/devices/${deviceId}/enrolment-codes`, {});
  const name = ar && learner.nameAr ? learner.nameAr : `${learner.givenName} ${learner.familyName}`;
  return {
    code,
    teacher,
    teacherUsername,
    learner: { id: learner.id, name },
    taskId: task.id,
    title,
    pictureHash: picture.hash,
  };
}

/** The files of queued submissions in the tablet's IndexedDB, with each photo's size in pixels. */
function queuedFiles(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('lawh-tablet');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<Array<{ kind: string; mime: string; blob: Blob }>>((resolve, reject) => {
      const req = db.transaction('blobs').objectStore('blobs').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return Promise.all(
      all.map(async (b) => {
        if (b.kind !== 'photo') return { kind: b.kind, mime: b.mime, width: 0, height: 0 };
        const bmp = await createImageBitmap(b.blob);
        return { kind: b.kind, mime: b.mime, width: bmp.width, height: bmp.height };
      }),
    );
  });
}

describe.each(LOCALES.map((l, i) => [l, i] as const))('a task on a tablet in %s', (locale, index) => {
  it('is answered offline with text, a photo and a voice note, sent, graded and returned', async () => {
    const w = await world(locale, index);
    session = await openTablet(browser, server, { locale, permissions: ['microphone', 'camera'] });
    const { context, page } = session;
    const tablet = new TabletLearnerPage(page, locale);
    const t = tablet.t;
    const card = () => tablet.main.locator('li.task-card').filter({ hasText: w.title });

    // Enrol from the QR link; the first sync brings the task and its picture.
    const url = new URL(w.code.enrolUrl);
    await page.goto(url.pathname + url.search);
    await tablet.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await expect
      .poll(
        () =>
          page.evaluate(
            async (u) => !!(await (await caches.open('lawh-media-v1')).match(u)),
            `/api/v1/media/${w.pictureHash}`,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    // Offline from here: the service worker serves the app (and the task view's chunk).
    await context.setOffline(true);
    await page.goto('/tablet');
    await tablet.learnerButton(w.learner.name).click();
    await tablet.pictures(CODE);
    await tablet.heading.filter({ hasText: t('tablet.home.title') }).waitFor();
    await expect
      .poll(async () => plain((await card().textContent()) ?? ''))
      .toContain(t('tablet.task.status.todo'));

    await card().getByRole('link').click();
    await tablet.heading.filter({ hasText: w.title }).waitFor();
    // The teacher's picture shows offline.
    await expect
      .poll(() =>
        tablet.main.locator('.task-attachments img').evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBe(60);

    // The answer: text, a 12-megapixel photo from the "camera", and a voice note.
    const answer =
      locale === 'ar'
        ? 'الماء يتبخر ثم يتكاثف ثم يسقط مطرًا.'
        : 'L’eau s’évapore, se condense puis tombe en pluie.';
    await tablet.main.getByRole('textbox', { name: t('tablet.task.text') }).fill(answer);
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a7bd5' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    await tablet.main
      .locator('input[type=file]')
      .setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: photo });
    await tablet.main.getByRole('img', { name: t('tablet.task.photoAlt', { n: 1 }) }).waitFor();

    await tablet.button('tablet.task.record').click();
    await tablet.main
      .getByRole('status')
      .filter({ hasText: t('tablet.task.recording') })
      .waitFor();
    await page.waitForTimeout(1500);
    await tablet.button('tablet.task.stop').click();
    // Played back before sending.
    const preview = tablet.main.locator('.task-draft-voice audio');
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((a: HTMLAudioElement) => a.readyState >= 1)).toBe(true);

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, `tablet-task-form-${locale}`);

    // A question to the teacher in the task's thread, queued offline.
    await tablet.main
      .getByRole('textbox', { name: t('tablet.comments.label') })
      .fill(locale === 'ar' ? 'هل أرسم السحاب أيضًا؟' : 'Faut-il dessiner les nuages ?');
    await tablet.button('tablet.comments.send').click();
    await expect.poll(async () => (await tablet.outbox()).map((e) => e.kind)).toEqual(['comment.posted']);

    // A full disk: the answer is not stored and the learner is told; what was queued stays, and so
    // does the answer in the form, to send once there is room. (Headless Chromium does not enforce a
    // quota override on IndexedDB, so the page's IndexedDB refuses the files as a full disk would.)
    await page.evaluate(() => {
      const w = window as unknown as { __realPut: typeof IDBObjectStore.prototype.put };
      w.__realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (this.name === 'blobs') throw new DOMException('The disk is full', 'QuotaExceededError');
        return w.__realPut.apply(this, args);
      };
    });
    await tablet.button('tablet.task.send').click();
    await tablet.main
      .getByRole('alert')
      .filter({ hasText: t('tablet.task.diskFull') })
      .waitFor();
    expect((await tablet.outbox()).map((e) => e.kind)).toEqual(['comment.posted']);
    expect(await queuedFiles(page)).toEqual([]);
    expect(await tablet.main.getByRole('textbox', { name: t('tablet.task.text') }).inputValue()).toBe(answer);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = (
        window as unknown as { __realPut: typeof IDBObjectStore.prototype.put }
      ).__realPut;
    });

    await tablet.button('tablet.task.send').click();
    await tablet.main
      .locator('.task-status-waiting')
      .filter({ hasText: t('tablet.task.status.waiting') })
      .waitFor();
    // Focus follows the answer to where it now waits.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('task-sent');
    // The event and its files were queued together; the photo was made small on the tablet.
    const outbox = await tablet.outbox();
    expect(outbox.map((e) => e.kind)).toEqual(['comment.posted', 'submission.submitted']);
    const event = outbox.find((e) => e.kind === 'submission.submitted');
    const sent = (event?.payload.media ?? []) as Array<{ hash: string; kind: string }>;
    expect(((event?.payload.media ?? []) as Array<{ kind: string }>).map((m) => m.kind).sort()).toEqual([
      'photo',
      'voice',
    ]);
    const files = await queuedFiles(page);
    const queuedPhoto = files.find((f) => f.kind === 'photo')!;
    expect(['image/webp', 'image/jpeg']).toContain(queuedPhoto.mime);
    expect({ width: queuedPhoto.width, height: queuedPhoto.height }).toEqual({ width: 1600, height: 1200 });
    expect(files.find((f) => f.kind === 'voice')?.mime).toMatch(/^audio\/(webm|ogg|mp4)$/);

    await tablet.main
      .getByRole('link', { name: t('tablet.backHome') })
      .first()
      .click();
    await expect
      .poll(async () => plain((await card().textContent()) ?? ''))
      .toContain(t('tablet.task.status.waiting'));
    await screenshot(page, `tablet-task-waiting-${locale}`);

    // Back online: the files go up first, then the event; the card says "sent" and the files are dropped.
    const order: string[] = [];
    await context.route('**/api/sync/v1/media/*', (route) => {
      if (route.request().method() === 'PUT') order.push('media');
      return route.continue();
    });
    await context.route('**/api/sync/v1/push', (route) => {
      order.push('push');
      return route.continue();
    });
    await context.setOffline(false);
    await expect
      .poll(async () => plain((await card().textContent()) ?? ''), { timeout: 30_000 })
      .toContain(t('tablet.task.status.sent'));
    expect(order.slice(0, 3)).toEqual(['media', 'media', 'push']);
    await expect.poll(async () => (await queuedFiles(page)).length).toBe(0);

    // The teacher has it: the text, and the very files queued on the tablet (same SHA-256).
    const queue = await w.teacher.get<GradingQueue>(`/api/v1/assignments/${w.taskId}/submissions`);
    const entry = queue.entries.find((e) => e.learnerId === w.learner.id);
    expect(entry?.state).toBe('submitted');
    const latest = entry!.latest!;
    expect(latest.text).toBe(answer);
    const hashes = (m: ReadonlyArray<{ hash: string }>) => m.map((x) => x.hash).sort();
    expect(hashes(latest.media)).toEqual(hashes(sent));

    // On the teacher's grading page: 10/20, a written note and one recorded with the microphone, returned.
    const feedback = locale === 'ar' ? 'عمل جميل، أكمل الأسهم.' : 'Beau travail, complète les flèches.';
    const desk = await openSession(browser, server, { locale, user: w.teacherUsername });
    try {
      const grading = await new GradingPage(desk.page, locale).open(`/assignments/${w.taskId}/grading`);
      expect(await grading.recordFeedback(w.learner.name)).toBe(201);
      await grading.grade(w.learner.name, '10', feedback);
      await expect
        .poll(async () => plain((await grading.state(w.learner.name).textContent()) ?? ''))
        .toBe(t('insight.state.returned'));
    } finally {
      await desk.context.close();
    }

    // The online tablet is poked and pulls it: returned, with the grade and both notes.
    await expect
      .poll(async () => plain((await card().textContent()) ?? ''), { timeout: 30_000 })
      .toContain(t('tablet.task.status.returned'));
    await card().getByRole('link').click();
    await tablet.heading.filter({ hasText: w.title }).waitFor();
    const grade = tablet.main.getByTestId('task-grade');
    await grade.waitFor();
    expect(plain((await grade.locator('bdi').textContent()) ?? '')).toBe('10/20');
    expect(plain((await grade.textContent()) ?? '')).toBe(plain(t('tablet.task.grade', { grade: '10/20' })));
    // Drawn in order inside Arabic: "10" to the left of "20", never "2010" or "20/10".
    const [ten, twenty] = await grade.locator('bdi').evaluate((el) => {
      const node = el.firstChild!;
      const box = (a: number, b: number) => {
        const r = document.createRange();
        r.setStart(node, a);
        r.setEnd(node, b);
        return r.getBoundingClientRect().left;
      };
      return [box(0, 2), box(3, 5)];
    });
    expect(ten).toBeLessThan(twenty!);
    await tablet.main.getByText(feedback).waitFor();
    const teacherVoice = tablet.main.locator('.task-voice audio');
    await teacherVoice.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => teacherVoice.evaluate((a: HTMLAudioElement) => a.readyState >= 1 && a.duration > 0.5))
      .toBe(true);
    // Returned work may be answered again.
    await tablet.button('tablet.task.sendAgain').waitFor();

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, `tablet-task-returned-${locale}`);

    // A second answer after the return goes to the teacher as a new attempt.
    const second = locale === 'ar' ? 'أضفت الأسهم.' : 'J’ai ajouté les flèches.';
    await tablet.main.getByRole('textbox', { name: t('tablet.task.text') }).fill(second);
    await tablet.button('tablet.task.sendAgain').click();
    await tablet.main
      .locator('.task-status-sent')
      .filter({ hasText: t('tablet.task.status.sent') })
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => {
        const q = await w.teacher.get<GradingQueue>(`/api/v1/assignments/${w.taskId}/submissions`);
        const e = q.entries.find((x) => x.learnerId === w.learner.id);
        return [e?.state, e?.latest?.text, e?.earlier.length];
      })
      .toEqual(['submitted', second, 1]);
  });
});
