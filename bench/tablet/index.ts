import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expectCards, heapMb, installProbe, slow3g, throttle, waitMark } from './probe';

// npm run bench:tablet [-- --reps N] [-- --web-root DIR]: a provisioned learner tablet in Chromium,
// CPU throttled 4× (DevTools protocol), provisioned over slow 3G, then measured offline. See
// bench/README.md for what each figure means. Last line is JSON.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const REPS = Number(flag('--reps') ?? 5);
const LESSONS_IN_A_ROW = 10;
const TARGET = { coldStartMs: 2000, lessonOpenMs: 500, heapMb: 50, firstLoadKb: 150 };

const temps: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};

// The built app, from the current sources, in a folder of its own: packages/web/dist may be
// rebuilt by someone else mid-run.
let webRoot = flag('--web-root');
if (!webRoot) {
  webRoot = temp('lawh-bench-web-');
  console.log(`building the web app into ${webRoot} …`);
  const built = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', webRoot, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: join(ROOT, 'packages/web'),
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('web build failed');
}
process.env.LAWH_E2E_WEB_ROOT = webRoot;
process.env.MEDIA_DIR = temp('lawh-bench-media-');

// After the environment is set: the harness reads it when loaded.
const { launchBrowser, startServer } = await import('../../e2e/harness');
const { TabletLearnerPage } = await import('../../e2e/pages/tablet-learner-pages');
const { CODE, makeTerm } = await import('./term');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const max = (xs: number[]) => Math.max(...xs);

const firstLoad = spawnSync(process.execPath, [join(ROOT, 'bench/bundle-size.mjs'), '--dist', webRoot], {
  encoding: 'utf8',
});
const bundle = JSON.parse(firstLoad.stdout.trim().split('\n').at(-1) ?? '{}') as {
  first_load_js_gzip_bytes: number;
};

const server = await startServer();
const browser = await launchBrowser();
try {
  const t0 = Date.now();
  const term = await makeTerm(server);
  const items = term.lessonTitles.length + term.quizTitles.length;
  console.log(
    `term: ${term.lessonTitles.length} lessons, ${term.quizTitles.length} quizzes, ${term.imageHashes.length} photos (${((Date.now() - t0) / 1000).toFixed(1)} s to create)`,
  );

  const context: BrowserContext = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1024, height: 768 },
    locale: 'fr-MA',
    serviceWorkers: 'allow',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(60_000);
  await context.addInitScript(() => {
    if (!localStorage.getItem('lawh.locale')) localStorage.setItem('lawh.locale', 'fr');
  });
  await installProbe(context);

  // Provisioning: the QR link, enrolment, first sync and media downloads, throttled and on slow 3G.
  let page: Page = await context.newPage();
  let cdp: CDPSession = await context.newCDPSession(page);
  await throttle(cdp, 4);
  await slow3g(cdp);
  let tablet = new TabletLearnerPage(page, 'fr');
  const p0 = Date.now();
  await page.goto(term.enrolPath);
  await tablet.heading.filter({ hasText: tablet.t('tablet.picker.title') }).waitFor({ timeout: 300_000 });
  const pickerAfterEnrolMs = Date.now() - p0;
  const syncedAt = Date.now() + 600_000;
  for (;;) {
    const done = await page.evaluate(
      async ({ items, hashes }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('lawh-tablet');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const content = await new Promise<number>((resolve, reject) => {
          const req = db.transaction('rows').objectStore('rows').index('entity').count('content');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        db.close();
        const cache = await caches.open('lawh-media-v1');
        const media = await Promise.all(hashes.map((h) => cache.match(`/api/v1/media/${h}`)));
        const worker = !!(await navigator.serviceWorker.getRegistration())?.active;
        return content >= items && media.every(Boolean) && worker;
      },
      { items, hashes: term.imageHashes },
    );
    if (done) break;
    if (Date.now() > syncedAt) throw new Error('the first sync did not finish in 10 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const provisionMs = Date.now() - p0;
  console.log(
    `provisioned over slow 3G at 4× CPU: picker after ${(pickerAfterEnrolMs / 1000).toFixed(1)} s, all content and photos after ${(provisionMs / 1000).toFixed(1)} s`,
  );

  // One sign-in, online, to see how many cards the learner home shows.
  await tablet.learnerButton(term.learnerName).click();
  await tablet.pictures(CODE);
  await tablet.card(term.lessonTitles.at(-1)!).waitFor();
  await tablet.card(term.quizTitles.at(-1)!).waitFor();
  const cards = await page.locator('main li.tablet-card a').count();
  await expectCards(context, page, cards);
  await context.setOffline(true);

  interface Run {
    coldStartMs: number;
    homeMs: number;
    lessonOpenMs: number[];
    heapMb: number | null;
    /** Where the cold start went: HTML from the service worker, then the app's script run (DOMContentLoaded). */
    htmlMs: number;
    scriptsMs: number;
    /** Scripts the page fetched until the learner home was drawn, dynamic imports included. */
    scripts: string[];
  }
  /** A cold start from the home-screen URL with no network, a sign-in, then optionally lessons. */
  const coldStart = async (rate: number, rep: number, lessons: boolean): Promise<Run> => {
    await page.close();
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await throttle(cdp, rate);
    tablet = new TabletLearnerPage(page, 'fr');
    await page.goto('/tablet', { waitUntil: 'commit' });
    const picker = await waitMark(page, 'picker', 1, 60_000, cdp);
    const [htmlMs, scriptsMs] = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return [nav.responseEnd, nav.domContentLoadedEventStart];
    });
    await tablet.learnerButton(term.learnerName).click();
    await tablet.pictures(CODE);
    const home = await waitMark(page, 'home', 1, 60_000, cdp);
    const scripts = await page.evaluate(
      (until) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime <= until)
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.endsWith('.js')),
      home.at,
    );
    const run: Run = {
      coldStartMs: picker.at,
      homeMs: home.at - home.click,
      lessonOpenMs: [],
      heapMb: null,
      htmlMs,
      scriptsMs,
      scripts,
    };
    if (!lessons) return run;
    for (let i = 0; i < LESSONS_IN_A_ROW; i++) {
      const title = term.lessonTitles[(rep * LESSONS_IN_A_ROW + i) % term.lessonTitles.length]!;
      await tablet.card(title).getByRole('link').click();
      const shown = await waitMark(page, 'lesson', i + 1, 60_000, cdp);
      run.lessonOpenMs.push(shown.at - shown.click);
      await page.goBack();
      await waitMark(page, 'home', i + 2, 60_000, cdp);
    }
    run.heapMb = await heapMb(cdp);
    return run;
  };

  const throttled: Run[] = [];
  for (let r = 0; r < REPS; r++) {
    const run = await coldStart(4, r, true);
    throttled.push(run);
    console.log(
      `  4× CPU, offline, run ${r + 1}: picker ${run.coldStartMs.toFixed(0)} ms (HTML ${run.htmlMs.toFixed(0)}, DOMContentLoaded ${run.scriptsMs.toFixed(0)}), home ${run.homeMs.toFixed(0)} ms, lessons ${run.lessonOpenMs.map((x) => x.toFixed(0)).join('/')} ms, heap ${run.heapMb?.toFixed(2)} MB`,
    );
  }
  const baseline: Run[] = [];
  for (let r = 0; r < REPS; r++) baseline.push(await coldStart(1, r, false));
  await context.close();

  const cold = throttled.map((r) => r.coldStartMs);
  const home = throttled.map((r) => r.homeMs);
  const toHome = throttled.map((r) => r.coldStartMs + r.homeMs);
  const lessonOpen = throttled.flatMap((r) => r.lessonOpenMs);
  const heap = throttled.map((r) => r.heapMb ?? 0);
  const baseCold = baseline.map((r) => r.coldStartMs);
  const baseHome = baseline.map((r) => r.homeMs);
  const kb = bundle.first_load_js_gzip_bytes / 1024;
  // What a cold start really loads to reach the home: the first load plus what it imports at once
  // (the active locale's catalogue). The players and the sync worker come after.
  const coldScripts = [...new Set(throttled.flatMap((r) => r.scripts))];
  const coldKb =
    coldScripts.reduce((n, p) => n + gzipSync(readFileSync(join(webRoot, p)), { level: 9 }).length, 0) / 1024;
  console.log(`scripts loaded to the home: ${coldScripts.map((p) => p.replace('/assets/', '')).join(', ')}`);

  const row = (what: string, xs: number[], unit: string, target: string) =>
    `| ${what.padEnd(44)} | ${median(xs)
      .toFixed(unit === 'MB' ? 1 : 0)
      .padStart(7)} ${unit.padEnd(2)} | ${max(xs)
      .toFixed(unit === 'MB' ? 1 : 0)
      .padStart(7)} ${unit.padEnd(2)} | ${target.padEnd(8)} |`;
  console.log(
    `\n${REPS} runs; ${cards} cards on the learner home; ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `| ${'measure (offline, after provisioning)'.padEnd(44)} | median     | max        | target   |`,
  );
  console.log(`| ${'-'.repeat(44)} | ---------- | ---------- | -------- |`);
  console.log(row('cold start to learner picker, 4× CPU', cold, 'ms', ''));
  console.log(row('sign-in (last picture) to learner home, 4× CPU', home, 'ms', ''));
  console.log(
    row(
      '  of which: HTML served by the service worker',
      throttled.map((r) => r.htmlMs),
      'ms',
      '',
    ),
  );
  console.log(
    row(
      '  of which: app script run (DOMContentLoaded)',
      throttled.map((r) => r.scriptsMs),
      'ms',
      '',
    ),
  );
  console.log(row('cold start to home, app time, 4× CPU', toHome, 'ms', '≤ 2000'));
  console.log(row('baseline: cold start to picker, 1× CPU', baseCold, 'ms', ''));
  console.log(row('baseline: sign-in to home, 1× CPU', baseHome, 'ms', ''));
  console.log(row(`lesson open to first block, 4× CPU (${lessonOpen.length})`, lessonOpen, 'ms', '≤ 500'));
  console.log(row(`JS heap after ${LESSONS_IN_A_ROW} lessons (after GC)`, heap, 'MB', '≤ 50'));
  console.log(
    `| ${'first-load JS, gzip'.padEnd(44)} | ${kb.toFixed(1).padStart(7)} KB |            | ≤ 150    |`,
  );
  console.log(
    `| ${`JS loaded to the home, gzip (${coldScripts.length} files)`.padEnd(44)} | ${coldKb.toFixed(1).padStart(7)} KB |            |          |`,
  );
  console.log(
    `provisioning (enrol + first sync + photos), slow 3G, 4× CPU: ${(provisionMs / 1000).toFixed(1)} s`,
  );

  const out = {
    cold_start_ms: Math.round(median(cold)),
    learner_home_ms: Math.round(median(home)),
    cold_start_to_home_ms: Math.round(median(toHome)),
    lesson_open_ms: Math.round(median(lessonOpen)),
    heap_mb_after_10_lessons: Number(median(heap).toFixed(1)),
    first_load_js_gzip_kb: Number(kb.toFixed(1)),
    cold_start_js_gzip_kb: Number(coldKb.toFixed(1)),
    max: {
      cold_start_ms: Math.round(max(cold)),
      learner_home_ms: Math.round(max(home)),
      lesson_open_ms: Math.round(max(lessonOpen)),
      heap_mb_after_10_lessons: Number(max(heap).toFixed(1)),
    },
    targets_met: {
      cold_start: median(toHome) <= TARGET.coldStartMs,
      lesson_open: median(lessonOpen) <= TARGET.lessonOpenMs,
      heap: median(heap) <= TARGET.heapMb,
      first_load_js: kb <= TARGET.firstLoadKb,
    },
    baseline_cold_start_ms_unthrottled: Math.round(median(baseCold)),
    baseline_learner_home_ms_unthrottled: Math.round(median(baseHome)),
    provision_s: Number((provisionMs / 1000).toFixed(1)),
    runs: REPS,
  };
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
  await server.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
}
