import type { BrowserContext, CDPSession, Page } from 'playwright-core';

// Timing from inside the page, so Playwright's own round trips (each slowed by the CPU throttle)
// are not counted. A MutationObserver notes when each screen becomes usable; the time is taken in
// the next animation frame (the frame that paints it), as performance.now(), whose zero is the
// navigation start of the document. Clicks are noted in the capture phase, before the app sees them.

export interface Mark {
  name: 'picker' | 'home' | 'lesson';
  at: number;
  click: number;
}

declare global {
  interface Window {
    __bench: { marks: Mark[]; lastClick: number; expectCards: number };
  }
}

function install(): void {
  const bench = { marks: [] as Mark[], lastClick: 0, expectCards: 1 };
  window.__bench = bench;
  document.addEventListener(
    'click',
    () => {
      bench.lastClick = performance.now();
    },
    true,
  );
  const shown = (el: Element | null) => !!el && el.getClientRects().length > 0;
  const tests: Record<Mark['name'], () => boolean> = {
    // The learner picker: its buttons (links) are on screen.
    picker: () => shown(document.querySelector('main a.tablet-learner')),
    // The learner home: every card of work is on screen with its link.
    home: () => document.querySelectorAll('main li.tablet-card a').length >= bench.expectCards,
    // A lesson: its first block is on screen.
    lesson: () => shown(document.querySelector('main .tablet-lesson .lesson-block')),
  };
  const state: Record<string, boolean> = {};
  let pending = false;
  const check = () => {
    if (pending) return;
    pending = true;
    const click = bench.lastClick;
    requestAnimationFrame(() => {
      pending = false;
      const at = performance.now();
      for (const name of Object.keys(tests) as Mark['name'][]) {
        const now = tests[name]();
        if (now && !state[name]) bench.marks.push({ name, at, click });
        state[name] = now;
      }
    });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

export async function installProbe(context: BrowserContext): Promise<void> {
  // As source text: tsx (esbuild keepNames) wraps the inner functions in __name(), absent in pages.
  await context.addInitScript({ content: `var __name = (f) => f;\n(${install.toString()})();` });
}

/** How many cards the home must show to count as ready (applies to documents opened from now on). */
export async function expectCards(context: BrowserContext, page: Page, n: number): Promise<void> {
  await context.addInitScript((k) => {
    window.__bench.expectCards = k;
  }, n);
  await page.evaluate((k) => {
    window.__bench.expectCards = k;
  }, n);
}

/**
 * Waits for the count-th mark of this name in the current document and returns it. With a DevTools
 * session it polls through Runtime.evaluate: page.waitForFunction would first evaluate Playwright's
 * injected script (≈ 100 ms on the page's main thread at 4× CPU), inside the cold start it measures.
 */
export async function waitMark(
  page: Page,
  name: Mark['name'],
  count = 1,
  timeout = 60_000,
  cdp?: CDPSession,
): Promise<Mark> {
  if (cdp) {
    const expression = `new Promise((resolve, reject) => {
      const end = Date.now() + ${timeout};
      const tick = () => {
        const m = window.__bench && window.__bench.marks.filter((x) => x.name === ${JSON.stringify(name)})[${count - 1}];
        if (m) resolve(m);
        else if (Date.now() > end) reject(new Error('no ${name} mark in ${timeout} ms'));
        else setTimeout(tick, 50);
      };
      tick();
    })`;
    const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails)
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as Mark;
  }
  const handle = await page.waitForFunction(
    ({ name, count }) => window.__bench?.marks.filter((m) => m.name === name)[count - 1],
    { name, count },
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as Mark;
}

export async function marksOf(page: Page, name: Mark['name']): Promise<number> {
  return page.evaluate((n) => window.__bench.marks.filter((m) => m.name === n).length, name);
}

export async function throttle(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Slow 3G as the brief gives it: 400 ms latency, about 400 kbit/s each way. */
export async function slow3g(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1000) / 8,
    uploadThroughput: (400 * 1000) / 8,
  });
}

/** The page's JS heap after a forced garbage collection, in MB. */
export async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}
