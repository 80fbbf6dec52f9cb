import type { Condition, DeviceStatus } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import { AppPage, captioned, escapeRegExp, exactly, plain } from './app-page';
import { recordsOf } from './table';

/** `/tablets`: the summary by status, then the register, filtered and paged. */
export class TabletsPage extends AppPage {
  get register(): Locator {
    return this.main.getByRole('table', { name: captioned(this.t('device.register')) });
  }

  /** The number on a tile of the summary: the total, or one status. */
  async summaryCount(status: DeviceStatus | 'total'): Promise<number> {
    const summary = this.main.getByRole('region', { name: this.t('device.summary') });
    const label = status === 'total' ? this.t('device.total') : this.t(`device.status.${status}`);
    // A tile is its number, then its label as bare text.
    const tile = summary
      .locator('li.stat')
      .filter({ hasText: new RegExp(`^[^\\p{L}]*${escapeRegExp(label)}\\s*$`, 'u') });
    const text = await tile.locator('strong').textContent();
    return Number(plain(text ?? '').replace(/[^\d]/g, ''));
  }

  async filterByStatus(status: DeviceStatus): Promise<void> {
    const select = this.main.getByRole('search').getByLabel(this.t('device.status'));
    await this.answer('GET', /^\/api\/v1\/devices\?.*status=/, () =>
      select.selectOption({ label: this.t(`device.status.${status}`) }),
    );
    await this.ready();
  }

  /** Opens the tablet on the nth row of the register; returns its serial number. */
  async openRow(n: number): Promise<string> {
    const link = this.register.locator('tbody tr').nth(n).getByRole('link').first();
    const serial = plain((await link.textContent()) ?? '');
    await link.click();
    await this.page.waitForURL(/\/tablets\/[^/]+$/);
    await this.ready();
    return serial;
  }
}

export interface HandOver {
  /** What to type in the search: a name or a Massar code. */
  query: string;
  massarCode: string;
  guardian: string;
  condition: Condition;
}

/** `/tablets/:id`: the tablet's facts, the actions open to it, its history. */
export class TabletPage extends AppPage {
  /** The value next to a label in the facts list. */
  async fact(label: string): Promise<string> {
    const dt = this.main.locator('dl.facts > dt').filter({ hasText: exactly(label) });
    return plain((await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '');
  }

  status(): Promise<string> {
    return this.fact(this.t('device.status'));
  }

  private get actions(): Locator {
    return this.main.getByRole('region', { name: this.t('device.actions') });
  }
  private get form(): Locator {
    return this.actions.locator('form');
  }

  async handOver(h: HandOver): Promise<void> {
    const t = this.t;
    await this.actions.getByRole('button', { name: t('device.do.hand_over'), exact: true }).click();
    await this.form.getByLabel(t('device.findLearner')).fill(h.query);
    await this.answer('GET', '/api/v1/learners?', () =>
      this.form.getByRole('button', { name: t('common.search'), exact: true }).click(),
    );
    await this.form.getByRole('radio', { name: new RegExp(h.massarCode) }).check();
    await this.form.getByLabel(t('learner.guardianName')).fill(h.guardian);
    await this.form.getByRole('checkbox', { name: t('device.guardianConsents') }).check();
    await this.form
      .getByLabel(t('device.condition'))
      .selectOption({ label: t(`device.condition.${h.condition}`) });
    await this.submit('hand_over');
  }

  async takeBack(condition: Condition): Promise<void> {
    const t = this.t;
    await this.actions.getByRole('button', { name: t('device.do.take_back'), exact: true }).click();
    await this.form
      .getByLabel(t('device.condition'))
      .selectOption({ label: t(`device.condition.${condition}`) });
    await this.submit('take_back');
  }

  private async submit(action: 'hand_over' | 'take_back'): Promise<void> {
    const res = await this.answer('POST', /^\/api\/v1\/devices\/[^/]+\/actions$/, () =>
      this.form.getByRole('button', { name: this.t(`device.do.${action}`), exact: true }).click(),
    );
    if (res.status() !== 200) throw new Error(`${action} was refused: ${await res.text()}`);
    await this.notice(this.t(`device.done.${action}`)).waitFor();
    await this.ready();
  }

  /** The history, newest first, one record per entry keyed by column heading. */
  history(): Promise<Array<Record<string, string>>> {
    return recordsOf(this.main.getByRole('table', { name: captioned(this.t('device.history')) }));
  }
}
