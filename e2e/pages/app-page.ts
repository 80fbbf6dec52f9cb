import type { Locale } from '@lawh/shared';
import type { Locator, Page, Response } from 'playwright-core';
import type { MessageKey, Translate } from '../../packages/web/src/i18n';
import { translator } from '../../packages/web/src/i18n/all';

/** Bidi isolates (U+2066–U+2069) that translated sentences put around names; not part of the text. */
export const plain = (s: string) =>
  s
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const ISOLATES = '[\\u2066-\\u2069]*';
export const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches exactly this text, wherever bidi isolates were put into it and however it is spaced. */
export const exactly = (s: string, { thenAnything = false } = {}) =>
  new RegExp(
    `^\\s*${ISOLATES}${[...plain(s)].map((c) => (c === ' ' ? '\\s+' : escapeRegExp(c))).join(ISOLATES)}${ISOLATES}${thenAnything ? '' : '\\s*$'}`,
  );

/** A table's accessible name is its caption, which goes on with " — N results" after the title. */
export const captioned = (title: string) => exactly(title, { thenAnything: true });

/**
 * What every page of the signed-in app shares: the header with the brand, the language picker and
 * sign-out, the main menu, and the page's heading. Controls are found by role and accessible name
 * in the page's language, so the same flow runs in Arabic and in French.
 */
export class AppPage {
  readonly t: Translate;
  constructor(
    readonly page: Page,
    readonly locale: Locale,
  ) {
    this.t = translator(locale);
  }

  get header(): Locator {
    return this.page.locator('header.topbar');
  }
  get brandMark(): Locator {
    return this.page.locator('.brand .brand-mark').first();
  }
  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.t('app.menu') });
  }
  navLink(key: MessageKey): Locator {
    return this.nav.getByRole('link', { name: this.t(key), exact: true });
  }
  get languagePicker(): Locator {
    return this.page.getByLabel(this.t('app.language'));
  }
  get heading(): Locator {
    return this.page.locator('main h1');
  }
  get main(): Locator {
    return this.page.locator('main');
  }

  /** Opens a path and waits until its data has arrived and no spinner is left. */
  async open(path: string): Promise<this> {
    await this.page.goto(path);
    await this.ready();
    return this;
  }

  /**
   * Waits until the page has its heading, no request is in flight and no spinner shows, for a few
   * frames in a row: a page starts its requests in effects, a frame after it first renders.
   */
  async ready(): Promise<void> {
    await this.heading.first().waitFor();
    await this.page.waitForFunction(
      () => {
        const w = window as unknown as { __lawhInflight?: number; __lawhQuiet?: number };
        if ((w.__lawhInflight ?? 0) > 0 || document.querySelector('.spinner')) w.__lawhQuiet = 0;
        else w.__lawhQuiet = (w.__lawhQuiet ?? 0) + 1;
        return w.__lawhQuiet >= 5;
      },
      undefined,
      { polling: 'raf' },
    );
  }

  /** Picks another interface language; the returned model speaks it. */
  async chooseLanguage(locale: Locale): Promise<AppPage> {
    await this.languagePicker.selectOption(locale);
    await this.page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
    return new AppPage(this.page, locale);
  }

  /** Runs `action` and waits for the API answer it causes (a write, a search, a new page of a list). */
  async answer(method: string, path: string | RegExp, action: () => Promise<unknown>): Promise<Response> {
    const matches = (r: Response) => {
      if (r.request().method() !== method) return false;
      const p = new URL(r.url()).pathname + new URL(r.url()).search;
      return typeof path === 'string' ? p.startsWith(path) : path.test(p);
    };
    const [response] = await Promise.all([this.page.waitForResponse(matches), action()]);
    return response;
  }

  /** A notice (role status or alert) with exactly this text. */
  notice(text: string): Locator {
    return this.page.locator('.notice').filter({ hasText: exactly(text) });
  }
}
