import type { Locator } from 'playwright-core';
import { AppPage } from './app-page';

/** The sign-in page, shown at any address until someone signs in. */
export class LoginPage extends AppPage {
  get username(): Locator {
    return this.page.getByLabel(this.t('login.username'));
  }
  get password(): Locator {
    return this.page.getByLabel(this.t('login.password'));
  }
  get submit(): Locator {
    return this.page.getByRole('button', { name: this.t('login.submit'), exact: true });
  }
  get title(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.t('login.title') });
  }
  get error(): Locator {
    return this.page.getByRole('alert');
  }

  override async open(path = '/'): Promise<this> {
    await this.page.goto(path);
    await this.title.waitFor();
    return this;
  }

  /** Signs in as a person without a mouse would: Tab to each field, type, Enter. */
  async signInWithKeyboard(username: string, password: string): Promise<void> {
    await this.tabTo(this.username);
    await this.page.keyboard.type(username);
    await this.tabTo(this.password);
    await this.page.keyboard.type(password);
    await this.answer('POST', '/api/v1/auth/login', () => this.page.keyboard.press('Enter'));
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.answer('POST', '/api/v1/auth/login', () => this.submit.click());
  }

  /** Presses Tab until `target` has the focus; fails if it is not in the tab order. */
  async tabTo(target: Locator, maxPresses = 12): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`${target} was not reached with ${maxPresses} presses of Tab`);
  }
}
