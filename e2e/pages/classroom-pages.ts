import type { Locator } from 'playwright-core';
import { AppPage, exactly } from './app-page';

/** The "Groups" section of `/classes/:id`. */
export class ClassGroupsPage extends AppPage {
  get section(): Locator {
    return this.main.getByRole('region', { name: this.t('group.title') });
  }

  async addGroup(name: string, learners: string[]): Promise<number> {
    const t = this.t;
    await this.section.getByRole('button', { name: t('group.add'), exact: true }).click();
    await this.section.getByRole('textbox', { name: t('group.name'), exact: true }).fill(name);
    for (const l of learners) await this.section.getByRole('checkbox', { name: l }).check();
    const res = await this.answer('POST', /\/groups$/, () =>
      this.section.getByRole('button', { name: t('group.save'), exact: true }).click(),
    );
    return res.status();
  }
}

/** Editing and closing a task from the "Assignments" section. */
export async function editInstructions(
  page: AppPage & { section: Locator },
  title: string,
  instructions: string,
) {
  const t = page.t;
  await page.section.getByRole('button', { name: t('classroom.editNamed', { title }) }).click();
  await page.section
    .getByRole('textbox', { name: t('classroom.instructions'), exact: true })
    .fill(instructions);
  return (
    await page.answer('POST', '/api/teacher/v1/events', () =>
      page.section.getByRole('button', { name: t('classroom.save'), exact: true }).click(),
    )
  ).status();
}

export async function closeTask(page: AppPage & { section: Locator }, title: string) {
  const t = page.t;
  return (
    await page.answer('POST', /\/close$/, () =>
      page.section.getByRole('button', { name: t('classroom.closeNamed', { title }) }).click(),
    )
  ).status();
}

/** `/assignments/:id/grading`: one article per learner of the task. */
export class GradingPage extends AppPage {
  entry(learnerName: string): Locator {
    return this.main.getByRole('article', { name: new RegExp(learnerName) });
  }
  state(learnerName: string): Locator {
    return this.entry(learnerName).locator('h2 .badge').first();
  }

  async grade(learnerName: string, points: string, feedback: string): Promise<void> {
    const t = this.t;
    const e = this.entry(learnerName);
    await e.getByRole('textbox', { name: new RegExp(`^${t('grading.points')}`) }).fill(points);
    await e.getByRole('textbox', { name: t('grading.feedback'), exact: true }).fill(feedback);
    await this.answer('POST', '/api/teacher/v1/events', () =>
      e.getByRole('button', { name: t('grading.saveAndReturn'), exact: true }).click(),
    );
  }

  /** Records a short voice note with the browser's (fake) microphone and waits for its upload. */
  async recordFeedback(learnerName: string): Promise<number> {
    const e = this.entry(learnerName);
    await e.getByRole('button', { name: this.t('content.media.record'), exact: true }).click();
    await this.page.waitForTimeout(1500);
    const res = await this.answer('POST', '/api/v1/media', () =>
      e.getByRole('button', { name: this.t('content.media.stop'), exact: true }).click(),
    );
    await e.locator('.grading-form audio').waitFor();
    return res.status();
  }

  fieldError(learnerName: string): Locator {
    return this.entry(learnerName).locator('.field-error');
  }
  returnedNote(learnerName: string): Locator {
    return this.entry(learnerName)
      .locator('.notice')
      .filter({ hasText: exactly(this.t('grading.returnedNote')) });
  }
}
