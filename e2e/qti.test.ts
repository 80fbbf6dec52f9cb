import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { horizontalOverflow, seriousAxeViolations, smallTargets } from './checks';
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
import { AppPage, captioned, exactly, plain } from './pages/app-page';

const FIXTURES = join(import.meta.dirname, '../packages/server/test/fixtures/qti/v2p1');

/** The QTI 2.1 sample package: six supported items, two unsupported ones and a missing file. */
async function samplePackage(): Promise<Buffer> {
  const zip = new ZipFile();
  for (const name of await readdir(FIXTURES)) zip.addBuffer(await readFile(join(FIXTURES, name)), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

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

describe.each(LOCALES)('QTI import in %s', (locale) => {
  it('a teacher imports a QTI package from the library and sees what was left out', async () => {
    session = await openSession(browser, server, { locale, user: DEMO.teacher });
    const library = await new AppPage(session.page, locale).open('/content');
    const t = library.t;
    const toggle = library.main.getByRole('button', { name: t('qti.action'), exact: true });
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');

    const panel = library.main.getByRole('region', { name: t('qti.title') });
    await panel.getByLabel(t('qti.file')).setInputFiles({
      name: 'geo.zip',
      mimeType: 'application/zip',
      buffer: await samplePackage(),
    });
    await panel.getByLabel(t('content.unit')).fill('Le Maroc');
    const res = await library.answer('POST', '/api/v1/content/import/qti', () =>
      panel.getByRole('button', { name: t('qti.send'), exact: true }).click(),
    );
    expect(res.status()).toBe(201);
    const done = panel.locator('.notice').filter({ hasText: plain(t('qti.imported', { count: 6 })) });
    await done.waitFor();

    const skipped = panel.getByRole('table', { name: captioned(t('qti.unsupported', { count: 3 })) });
    await expect(skipped.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('hotspotInteraction'),
      expect.stringContaining('extendedTextInteraction'),
      expect.stringContaining('lost.xml'),
    ]);
    await screenshot(session.page, `qti-imported-${locale}`);
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    expect(await smallTargets(session.page)).toEqual([]);
    expect((await horizontalOverflow(session.page)).overflow).toBe(0);

    // The new draft quiz opens from the notice.
    await done.getByRole('link', { name: t('qti.openQuiz') }).click();
    await library.heading.filter({ hasText: exactly(t('content.editQuiz')) }).waitFor();
    await expect(library.main.getByLabel(t('content.title')).first().inputValue()).resolves.toBe(
      'Géographie du Maroc',
    );
  });
});
