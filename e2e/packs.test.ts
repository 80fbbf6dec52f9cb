import { readFile } from 'node:fs/promises';
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
import { AppPage, captioned } from './pages/app-page';

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

/** `/packs`: the export link and the import form with its summary. */
class PacksPage extends AppPage {
  async download(): Promise<Buffer> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.main.getByRole('link', { name: this.t('packs.download'), exact: true }).click(),
    ]);
    return readFile(await download.path());
  }

  async send(name: string, data: Buffer): Promise<number> {
    await this.main
      .getByLabel(this.t('packs.file'))
      .setInputFiles({ name, mimeType: 'application/zip', buffer: data });
    const res = await this.answer('POST', '/api/v1/packs/import', () =>
      this.main.getByRole('button', { name: this.t('packs.send'), exact: true }).click(),
    );
    return res.status();
  }

  /** The summary table as numbers by row label. */
  async summary(): Promise<Record<string, number>> {
    const table = this.main.getByRole('table', { name: captioned(this.t('packs.summary')) });
    await table.waitFor();
    const text = await table.locator('tr').allInnerTexts();
    return Object.fromEntries(
      text.map((row) => {
        const [label = '', value = ''] = row.split('\t');
        return [label.trim(), Number(value.replace(/[^\d]/g, ''))];
      }),
    );
  }
}

describe.each(LOCALES)('content packs in %s', (locale) => {
  it('the admin downloads a pack, imports it back (nothing changes) and sees a damaged one refused', async () => {
    session = await openSession(browser, server, { locale, user: DEMO.admin });
    const packs = await new PacksPage(session.page, locale).open('/packs');
    const t = packs.t;
    await expect(packs.heading.textContent()).resolves.toBe(t('packs.title'));

    const zip = await packs.download();
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const published = await server.db
      .selectFrom('contentItems')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('latestVersion', 'is not', null)
      .where('archivedAt', 'is', null)
      .executeTakeFirstOrThrow();

    expect(await packs.send('lawh-pack.zip', zip)).toBe(200);
    await packs.notice(t('packs.imported')).waitFor();
    const summary = await packs.summary();
    expect(summary[t('packs.contentCreated')]).toBe(0);
    expect(summary[t('packs.mediaAdded')]).toBe(0);
    expect(summary[t('packs.contentUnchanged')]).toBe(Number(published.n));
    await screenshot(session.page, `packs-imported-${locale}`);

    expect(await packs.send('cut.zip', zip.subarray(0, zip.length - 100))).toBe(400);
    const alert = packs.main.locator('.notice').filter({ hasText: t('packs.problem.not_a_zip') });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(t('packs.nothingImported'));
    await screenshot(session.page, `packs-refused-${locale}`);
  });
});
