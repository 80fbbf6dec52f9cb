import type { Cycle, SUBJECTS } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import { AppPage, captioned } from './app-page';
import { recordsOf } from './table';

export interface NewClass {
  school: string;
  year: string;
  title: string;
  cycle: Cycle;
  level: string;
  subject: (typeof SUBJECTS)[number];
  teacher: string;
}

/** `/classes/new` and `/classes/:id`: the class form, then its learners and the enrol search. */
export class ClassPage extends AppPage {
  field(label: string): Locator {
    return this.main.getByLabel(label);
  }

  /** Fills the new-class form and creates it; the page becomes the class's own page. */
  async create(c: NewClass): Promise<string> {
    const t = this.t;
    await this.field(t('picker.school')).selectOption({ label: c.school });
    await this.field(t('calendar.year')).selectOption({ label: c.year });
    await this.field(t('class.name')).fill(c.title);
    await this.field(t('class.cycle')).selectOption({ label: t(`class.cycle.${c.cycle}`) });
    await this.field(t('class.level')).selectOption({ label: c.level });
    await this.field(t('class.subject')).selectOption({ label: t(`class.subject.${c.subject}`) });
    // The school's teachers load once the school is chosen.
    await this.main.getByRole('checkbox', { name: c.teacher }).check();
    const res = await this.answer('POST', '/api/v1/classes', () =>
      this.main.getByRole('button', { name: t('common.create'), exact: true }).click(),
    );
    if (res.status() !== 201) throw new Error(`the class was refused: ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    await this.page.waitForURL((u) => u.pathname === `/classes/${id}`);
    await this.page.getByRole('heading', { level: 1, name: t('class.edit') }).waitFor();
    await this.ready();
    return id;
  }

  /** Searches the class's school for a learner and enrols the one with this name. */
  async enrol(query: string, name: string): Promise<void> {
    const search = this.main.getByRole('search', { name: this.t('class.enrol') });
    await search.getByLabel(this.t('class.findLearner')).fill(query);
    await this.answer('GET', '/api/v1/learners?', () =>
      search.getByRole('button', { name: this.t('common.search'), exact: true }).click(),
    );
    const button = this.main.getByRole('button', { name: this.t('class.enrolNamed', { name }), exact: true });
    const res = await this.answer('POST', /^\/api\/v1\/classes\/[^/]+\/enrolments$/, () => button.click());
    if (res.status() !== 201) throw new Error(`the enrolment was refused: ${await res.text()}`);
    await this.notice(this.t('class.enrolled', { name })).waitFor();
    await this.ready();
  }

  /** The class's learners as shown: one record per row, keyed by column heading. */
  async learners(title: string): Promise<Array<Record<string, string>>> {
    const table = this.main.getByRole('table', {
      name: captioned(this.t('class.learnersOf', { name: title })),
    });
    return recordsOf(table);
  }
}
