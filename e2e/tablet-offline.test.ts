import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassProgress, EnrolmentCodeResponse, MediaRecord } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTargets } from './checks';
import {
  LOCALES,
  launchBrowser,
  openTablet,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { exactly } from './pages/app-page';
import { TabletLearnerPage } from './pages/tablet-learner-pages';
import { contentTitles, FIRST_CODE, SECOND_CODE, world } from './tablet-offline.fixtures';

// The whole tablet story against the real server, in Arabic and in French: an admin makes an
// enrolment code; a fresh tablet opens the QR link, enrols and downloads its class; with no network
// it starts cold from the service worker, a learner signs in with pictures and does a lesson and a
// quiz; back online it syncs and the teacher sees the work; the next learner sees none of it.

let server: TestServer;
let browser: Browser;
let session: Session | null = null;

beforeAll(async () => {
  // Uploaded media go to a throwaway folder, not ./data/media.
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

describe.each(LOCALES.map((l, i) => [l, i] as const))('a tablet in %s', (locale, index) => {
  it('enrols from the QR link, works offline, syncs, and keeps learners apart', async () => {
    const w = await world(server, locale, index);
    session = await openTablet(browser, server, { locale });
    const { context, page } = session;
    const tablet = new TabletLearnerPage(page, locale);
    const t = tablet.t;

    // The first download of the lesson's picture is cut halfway: the next one asks for the rest.
    const ranges: Array<string | null> = [];
    await context.route(`**/api/sync/v1/media/${w.pictureHash}`, async (route) => {
      ranges.push(route.request().headers().range ?? null);
      if (ranges.length > 1) return route.continue();
      const whole = await (await route.fetch()).body();
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: whole.subarray(0, Math.floor(whole.length / 2)),
      });
    });

    // Enrolment from the QR code's URL: the code is read from ?code= and the first sync runs.
    expect(w.code.enrolUrl).toContain('/enrol?code=');
    await page.goto(new URL(w.code.enrolUrl).pathname + new URL(w.code.enrolUrl).search);
    await tablet.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await tablet.learnerButton(w.first.name).waitFor();
    await tablet.learnerButton(w.second.name).waitFor();

    // The status page: synced, nothing waiting, the Wi-Fi switch and what the browser tells.
    await page.getByRole('link', { name: t('tablet.picker.status') }).click();
    await tablet.heading.filter({ hasText: t('sync.status.title') }).waitFor();
    await expect.poll(() => page.getByTestId('sync-waiting').textContent()).toBe('0');
    expect(await page.getByText(t('sync.status.never')).count()).toBe(0);
    await page.getByRole('checkbox', { name: t('sync.status.wifiOnly') }).waitFor();
    // The lesson's picture was downloaded, verified and kept for the players.
    await expect.poll(() => ranges.length, { timeout: 30_000 }).toBe(2);
    expect(ranges[0]).toBeNull();
    expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
    await expect
      .poll(() =>
        page.evaluate(
          async (url) => (await (await caches.open('lawh-media-v1')).match(url))?.headers.get('content-type'),
          `/api/v1/media/${w.pictureHash}`,
        ),
      )
      .toBe('image/png');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, `tablet-status-${locale}`);

    // A new assignment reaches the online tablet within seconds: the server's live stream pokes it
    // (the periodic sync is minutes away).
    const extra = await w.teacher.post<{ id: string }>('/api/v1/content/lessons', {
      title: w.extraTitle,
      tags: w.tags,
      body: { blocks: [{ id: 'b1', type: 'richText', html: '<p>2</p>' }] },
    });
    await w.teacher.post(`/api/v1/content/${extra.id}/publish`, {});
    await w.teacher.post(`/api/v1/classes/${w.classId}/assignments`, { contentId: extra.id });
    await expect.poll(() => contentTitles(page), { timeout: 10_000 }).toContain(w.extraTitle);

    // Cold start with no network: the service worker serves the app, IndexedDB the data.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await page.goto('/tablet');
    await tablet.learnerButton(w.first.name).click();
    await tablet.pictures(FIRST_CODE);
    await tablet.heading.filter({ hasText: t('tablet.home.title') }).waitFor();

    await tablet.card(w.lessonTitle).getByRole('link').click();
    await tablet.heading.filter({ hasText: w.lessonTitle }).waitFor();
    // The picture shows with no network: the service worker answers it from the media cache.
    await expect
      .poll(() =>
        tablet.main
          .locator('img')
          .first()
          .evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth),
      )
      .toBe(40);
    await tablet.button('tablet.lesson.done').click();
    await tablet.main.getByText(t('tablet.lesson.finished')).waitFor();
    await tablet.main
      .getByRole('link', { name: t('tablet.backHome') })
      .first()
      .click();

    await tablet.card(w.quizTitle).getByRole('link').click();
    await tablet.heading.filter({ hasText: w.quizTitle }).waitFor();
    await tablet.main.getByRole('radio', { name: locale === 'ar' ? 'المطر' : 'la pluie' }).check();
    await tablet.button('tablet.quiz.check').click();
    await tablet.main.getByText(t('tablet.quiz.correct')).waitFor();
    await tablet.button('tablet.quiz.finish').click();
    await tablet.main.getByText(t('tablet.quiz.mastered')).waitFor();
    await tablet.main
      .getByRole('link', { name: t('tablet.backHome') })
      .first()
      .click();

    // Offline, the work waits to be sent.
    await expect.poll(() => tablet.card(w.quizTitle).textContent()).toContain(t('tablet.sync.waiting'));
    expect(await tablet.card(w.lessonTitle).textContent()).toContain(t('tablet.sync.waiting'));
    await screenshot(page, `tablet-offline-home-${locale}`);

    // Back online: the tablet syncs by itself (the `online` event) and the work is sent, gzipped.
    const encodings: Array<string | undefined> = [];
    await context.route('**/api/sync/v1/push', (route) => {
      encodings.push(route.request().headers()['content-encoding']);
      return route.continue();
    });
    await context.setOffline(false);
    await expect
      .poll(() => tablet.card(w.quizTitle).textContent(), { timeout: 30_000 })
      .toContain(t('tablet.sync.sent'));
    expect(await tablet.card(w.lessonTitle).textContent()).toContain(t('tablet.sync.sent'));
    expect(encodings).toContain('gzip');

    // The teacher sees the learner's work.
    await expect
      .poll(
        async () => {
          const p = await w.teacher.get<ClassProgress>(`/api/v1/classes/${w.classId}/progress`);
          const mine = p.learners.find((l) => l.id === w.first.id)?.progress ?? [];
          return mine.map((x) => x.status).sort();
        },
        { timeout: 15_000 },
      )
      .toEqual(['completed', 'mastered']);

    // The next learner on the same tablet sees none of it.
    await tablet.signOut();
    await tablet.learnerButton(w.second.name).click();
    await tablet.pictures(SECOND_CODE);
    await tablet.heading.filter({ hasText: t('tablet.home.title') }).waitFor();
    for (const title of [w.lessonTitle, w.quizTitle]) {
      const text = (await tablet.card(title).textContent()) ?? '';
      expect(text).toContain(t('tablet.state.new'));
      expect(text).not.toContain(t('tablet.sync.waiting'));
      expect(text).not.toContain(t('tablet.sync.sent'));
    }
    expect(await page.getByText(exactly(t('tablet.state.mastered'))).count()).toBe(0);

    // Withdrawn in the register, the tablet stops syncing and says why; the work stays on it.
    await w.admin.post(`/api/v1/devices/${w.deviceId}/revoke-credential`, {});
    await tablet.signOut();
    await page.getByRole('link', { name: t('tablet.picker.status') }).click();
    await page.getByRole('button', { name: t('sync.status.syncNow') }).click();
    await tablet.main.getByText(t('sync.blocked.revoked')).waitFor();
    await screenshot(page, `tablet-revoked-${locale}`);

    // A new code provisions it again as the same tablet: it syncs again, with its data kept.
    const again = await w.admin.post<EnrolmentCodeResponse>(
      `/api/v1/devices/${w.deviceId}/enrolment-codes`,
      {},
    );
    const url = new URL(again.enrolUrl);
    await page.goto(url.pathname + url.search);
    await tablet.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await tablet.learnerButton(w.first.name).waitFor();
    await page.getByRole('link', { name: t('tablet.picker.status') }).click();
    await tablet.heading.filter({ hasText: t('sync.status.title') }).waitFor();
    await expect.poll(() => tablet.main.getByText(t('sync.blocked.revoked')).count()).toBe(0);
  });
});

describe('a tablet and an unhappy server', () => {
  it('enrols with a typed code, waits for Retry-After when busy, and stops with a message when too old', async () => {
    const locale = 'fr';
    const w = await world(server, locale, 2);
    session = await openTablet(browser, server, { locale });
    const { context, page } = session;
    const tablet = new TabletLearnerPage(page, locale);
    const t = tablet.t;
    // Typed by hand: a mistyped code is refused and the field says so; the right one, in lower
    // case and with its dash, works.
    await page.goto('/enrol');
    const field = page.getByRole('textbox', { name: t('enrol.code') });
    const submit = page.getByRole('button', { name: t('enrol.submit') });
    await field.fill('ABCD');
    await submit.click();
    await tablet.main.getByText(t('enrol.badCode')).waitFor();
    await field.fill('ZZZZ-ZZZZ');
    await submit.click();
    await tablet.main.getByText(t('enrol.badCode')).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, `tablet-enrol-${locale}`);
    await field.fill(w.code.code.toLowerCase());
    await submit.click();
    await tablet.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: t('tablet.picker.status') }).click();
    await tablet.heading.filter({ hasText: t('sync.status.title') }).waitFor();

    // Busy: one 503 with Retry-After: 2. The tablet tries again by itself, not before two seconds.
    const pushes: number[] = [];
    await context.route('**/api/sync/v1/push', (route) => {
      pushes.push(Date.now());
      if (pushes.length > 1) return route.continue();
      return route.fulfill({
        status: 503,
        headers: { 'retry-after': '2', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'busy', message: 'busy' } }),
      });
    });
    await page.getByRole('button', { name: t('sync.status.syncNow') }).click();
    await expect.poll(() => pushes.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(pushes[1]! - pushes[0]!).toBeGreaterThanOrEqual(2000);
    await context.unroute('**/api/sync/v1/push');

    // Too old: the server answers 426; the tablet stops and says how to update.
    await context.route('**/api/sync/v1/push', (route) =>
      route.fulfill({
        status: 426,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'update_required', message: 'too old' } }),
      }),
    );
    await page.getByRole('button', { name: t('sync.status.syncNow') }).click();
    await tablet.main.getByText(t('sync.blocked.update')).waitFor();
    await page.getByRole('button', { name: t('sync.reload') }).waitFor();
    await screenshot(page, `tablet-update-required-${locale}`);
  });
});

describe('a tablet with a full disk', () => {
  it('says the disk is full while learner work is still recorded and sent', async () => {
    const locale = 'ar';
    const w = await world(server, locale, 3);
    // A large picture (noise does not compress) in another assigned lesson.
    const big = await sharp(
      Buffer.alloc(1200 * 1000 * 3).map(() => Math.floor(Math.random() * 256)),
      {
        raw: { width: 1200, height: 1000, channels: 3 },
      },
    )
      .png({ compressionLevel: 0 })
      .toBuffer();
    const picture = await w.teacher.upload<MediaRecord>(
      '/api/v1/media',
      new Blob([new Uint8Array(big)], { type: 'image/png' }),
      'big.png',
    );
    const lesson = await w.teacher.post<{ id: string }>('/api/v1/content/lessons', {
      title: 'صورة كبيرة',
      tags: w.tags,
      body: {
        blocks: [{ id: 'b0', type: 'image', media: { hash: picture.hash, kind: 'image', alt: 'ضجيج' } }],
      },
    });
    await w.teacher.post(`/api/v1/content/${lesson.id}/publish`, {});
    await w.teacher.post(`/api/v1/classes/${w.classId}/assignments`, { contentId: lesson.id });

    session = await openTablet(browser, server, { locale });
    const { context, page } = session;
    const tablet = new TabletLearnerPage(page, locale);
    const t = tablet.t;
    await page.goto('/enrol');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The browser grants this origin only 6 MB more than it already uses: not enough for the large
    // picture and the space media always leaves free for learner work.
    const used = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: used + 6_000_000 });

    await page.getByRole('textbox', { name: t('enrol.code') }).fill(w.code.code);
    await page.getByRole('button', { name: t('enrol.submit') }).click();
    await tablet.heading.filter({ hasText: t('tablet.picker.title') }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: t('tablet.picker.status') }).click();
    await tablet.main.getByText(t('sync.error.quota')).waitFor();
    await screenshot(page, `tablet-disk-full-${locale}`);

    // Learner work still goes into the outbox and out to the server.
    await page.goto('/tablet');
    await tablet.learnerButton(w.first.name).click();
    await tablet.pictures(FIRST_CODE);
    await tablet.heading.filter({ hasText: t('tablet.home.title') }).waitFor();
    await tablet.card(w.lessonTitle).getByRole('link').click();
    await tablet.button('tablet.lesson.done').click();
    await tablet.main.getByText(t('tablet.lesson.finished')).waitFor();
    await expect
      .poll(
        async () => {
          const p = await w.teacher.get<ClassProgress>(`/api/v1/classes/${w.classId}/progress`);
          return p.learners.find((l) => l.id === w.first.id)?.progress.map((x) => x.status) ?? [];
        },
        { timeout: 20_000 },
      )
      .toContain('completed');
  });
});
