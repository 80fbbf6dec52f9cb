import type { Locator } from 'playwright-core';
import { AppPage, plain } from './app-page';

/** The "Assignments" and "Learners' work" sections of `/classes/:id`. */
export class ClassAssignmentsPage extends AppPage {
  get section(): Locator {
    return this.main.getByRole('region', { name: this.t('assignment.title') });
  }
  get progress(): Locator {
    return this.main.getByRole('region', { name: this.t('progress.title') });
  }

  /** Finds a published lesson or quiz by title, gives it a due date (yyyy-mm-dd) and assigns it. */
  async assign(title: string, dueDate: string): Promise<number> {
    const t = this.t;
    await this.section.getByRole('button', { name: t('classroom.add'), exact: true }).click();
    await this.section.getByRole('radio', { name: t('classroom.what.content') }).check();
    await this.answer('GET', /^\/api\/v1\/content\?.*status=published.*q=/, () =>
      this.section.getByLabel(t('assignment.find')).fill(title),
    );
    await this.section.getByRole('radio', { name: new RegExp(title) }).check();
    await this.section.getByLabel(t('assignment.dueDate')).fill(dueDate);
    // Saved through the teacher outbox (it works offline).
    const res = await this.answer('POST', '/api/teacher/v1/events', () =>
      this.section.getByRole('button', { name: t('assignment.assignNamed', { title }) }).click(),
    );
    return res.status();
  }

  /** A task with a title, instructions and points out of `maxPoints`, for one group of the class. */
  async assignTask(o: {
    title: string;
    instructions: string;
    maxPoints: number;
    group?: string;
  }): Promise<number> {
    const t = this.t;
    await this.section.getByRole('button', { name: t('classroom.add'), exact: true }).click();
    await this.section.getByRole('radio', { name: t('classroom.what.task') }).check();
    await this.section.getByRole('textbox', { name: t('classroom.taskTitle'), exact: true }).fill(o.title);
    await this.section
      .getByRole('textbox', { name: t('classroom.instructions'), exact: true })
      .fill(o.instructions);
    await this.section.getByRole('radio', { name: t('classroom.scale.points'), exact: true }).check();
    await this.section
      .getByRole('spinbutton', { name: t('classroom.maxPoints'), exact: true })
      .fill(String(o.maxPoints));
    if (o.group) {
      await this.answer('GET', /\/groups$/, () =>
        this.section.getByRole('radio', { name: t('classroom.audience.groups') }).check(),
      );
      await this.section.getByRole('checkbox', { name: o.group }).check();
    }
    const res = await this.answer('POST', '/api/teacher/v1/events', () =>
      this.section.getByRole('button', { name: t('assignment.assignNamed', { title: o.title }) }).click(),
    );
    return res.status();
  }

  /** The titles listed as the class's current work. */
  async titles(): Promise<string[]> {
    return (await this.section.locator('.assignment-list > li strong').allTextContents()).map(plain);
  }

  async withdraw(title: string): Promise<void> {
    const t = this.t;
    await this.section.getByRole('button', { name: t('assignment.withdrawNamed', { title }) }).click();
    await this.answer('POST', '/api/teacher/v1/events', () =>
      this.section.getByRole('button', { name: t('assignment.withdrawYes'), exact: true }).click(),
    );
  }

  /** Reloads the progress table and returns the text of one learner's cell for one assignment column. */
  async progressCell(learnerName: string, column: number): Promise<string> {
    await this.answer('GET', /\/progress(\?|$)/, () =>
      this.progress.getByRole('button', { name: this.t('progress.refresh'), exact: true }).click(),
    );
    const row = this.progress
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('rowheader', { name: learnerName }) });
    // The grid's first two data columns are the learner's overall progress and last activity.
    return plain(
      (await row
        .locator('td')
        .nth(column + 2)
        .textContent()) ?? '',
    );
  }
}
