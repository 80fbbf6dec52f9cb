import type { Locator } from 'playwright-core';
import { AppPage, exactly } from './app-page';

/** `/calendar`: school years and their terms. */
export class CalendarPage extends AppPage {
  /** The section of one school year, found by its heading. */
  year(title: string): Locator {
    return this.main.getByRole('heading', { level: 2, name: exactly(title) });
  }

  async addSchoolYear(title: string, startDate: string, endDate: string): Promise<void> {
    const form = this.main.locator('form').filter({
      has: this.page.getByRole('heading', { name: this.t('calendar.add') }),
    });
    await form.getByLabel(this.t('calendar.type')).selectOption('schoolYear');
    await form.getByLabel(this.t('calendar.sessionTitle')).fill(title);
    await form.getByLabel(this.t('calendar.startDate')).fill(startDate);
    await form.getByLabel(this.t('calendar.endDate')).fill(endDate);
    const res = await this.answer('POST', '/api/v1/academic-sessions', () =>
      form.getByRole('button', { name: this.t('common.create'), exact: true }).click(),
    );
    if (res.status() !== 201) throw new Error(`the school year was refused: ${await res.text()}`);
    await this.notice(this.t('calendar.created', { name: title })).waitFor();
  }
}
