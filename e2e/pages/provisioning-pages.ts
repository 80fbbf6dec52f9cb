import type { SignInPicture } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import { pictureLabelKey } from '../../packages/web/src/ui/sign-in-pictures';
import { AppPage, exactly, plain } from './app-page';

/** The "Tablet app and syncing" section of `/tablets/:id`: enrolment code, QR code, revoking. */
export class TabletProvisionPage extends AppPage {
  get section(): Locator {
    return this.main.getByRole('region', { name: this.t('provision.title') });
  }

  /** Makes an enrolment code; returns it as shown (XXXX-XXXX). */
  async makeCode(): Promise<string> {
    await this.answer('POST', /\/enrolment-codes$/, () =>
      this.section.getByRole('button', { name: this.t('provision.makeCode'), exact: true }).click(),
    );
    const code = this.section.getByTestId('enrolment-code');
    await code.waitFor();
    return plain((await code.textContent()) ?? '');
  }

  /** The QR code of this enrolment code, found by its accessible name. */
  qrCode(code: string): Locator {
    return this.section.getByRole('img', { name: this.t('provision.qrLabel', { code }) });
  }

  /** The value next to a label in the section's facts. */
  async fact(label: string): Promise<string> {
    const dt = this.section.locator('dl.facts > dt').filter({ hasText: exactly(label) });
    return plain((await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '');
  }
}

/** The "Tablet sign-in" section of `/learners/:id`. */
export class LearnerSignInPage extends AppPage {
  get section(): Locator {
    return this.main.getByRole('region', { name: this.t('signIn.title') });
  }

  picture(p: SignInPicture): Locator {
    return this.section.getByRole('button', { name: this.t(pictureLabelKey(p)), exact: true });
  }

  /** Picks three pictures in order, types a PIN if given, saves and waits for the answer. */
  async setCode(pictures: SignInPicture[], pin?: string): Promise<number> {
    for (const p of pictures) await this.picture(p).click();
    if (pin) await this.section.getByLabel(this.t('signIn.pin'), { exact: true }).fill(pin);
    const res = await this.answer('PUT', /\/sign-in$/, () =>
      this.section.getByRole('button', { name: this.t('signIn.save'), exact: true }).click(),
    );
    return res.status();
  }

  async status(which: 'pictureCode' | 'pin'): Promise<string> {
    return plain(
      (await this.section
        .getByTestId(which === 'pin' ? 'pin-status' : 'picture-code-status')
        .textContent()) ?? '',
    );
  }
}
