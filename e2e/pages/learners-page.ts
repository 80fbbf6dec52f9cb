import type { Locator } from 'playwright-core';
import { AppPage, exactly, plain } from './app-page';
import { recordsOf } from './table';

/** `/learners`: the learners one may see, searchable and filtered. */
export class LearnersPage extends AppPage {
  get table(): Locator {
    return this.main.getByRole('table');
  }
  get schoolFilter(): Locator {
    return this.main.getByRole('search').getByLabel(this.t('picker.school'));
  }

  async search(q: string): Promise<void> {
    const box = this.main.getByRole('searchbox', { name: this.t('common.search') });
    await box.fill(q);
    await this.answer('GET', '/api/v1/learners?', () => box.press('Enter'));
    await this.ready();
  }

  /** The number of matches the table's caption announces. */
  async total(): Promise<number> {
    const caption = plain((await this.table.locator('caption').textContent()) ?? '');
    // Some plural forms spell the number out (Arabic "لا نتائج", "نتيجتان"), so try those too.
    const candidates = [0, 1, 2, ...(caption.match(/\d+/g) ?? []).map(Number)];
    for (const n of candidates) {
      if (exactly(`${this.t('learner.title')} — ${this.t('common.results', { count: n })}`).test(caption))
        return n;
    }
    throw new Error(`no count in the caption "${caption}"`);
  }

  rows(): Promise<Array<Record<string, string>>> {
    return recordsOf(this.table);
  }
}
