import type { AttendanceStatus } from '@lawh/shared';
import type { Locator } from 'playwright-core';
import { AppPage, exactly, plain } from './app-page';

/** `/classes/:id/attendance`: one row per learner with four choices, "all present", save. */
export class RegisterPageModel extends AppPage {
  marks(name: string): Locator {
    return this.main.getByRole('radiogroup', { name: exactly(this.t('attendance.statusOf', { name })) });
  }
  choice(name: string, status: AttendanceStatus): Locator {
    return this.marks(name).getByRole('radio', { name: this.t(`attendance.status.${status}`), exact: true });
  }
  get dateField(): Locator {
    return this.main.getByLabel(this.t('attendance.date'), { exact: true });
  }

  async mark(name: string, status: AttendanceStatus): Promise<void> {
    await this.choice(name, status).check();
  }
  async allPresent(): Promise<void> {
    await this.main.getByRole('button', { name: this.t('attendance.allPresent'), exact: true }).click();
  }
  get saveButton(): Locator {
    return this.main.getByRole('button', { name: this.t('attendance.save'), exact: true });
  }
  /** Saves and waits for the teacher outbox's answer. */
  async save(): Promise<number> {
    const res = await this.answer('POST', '/api/teacher/v1/events', () => this.saveButton.click());
    return res.status();
  }
  /** The status chosen for a learner, or null. */
  async statusOf(name: string): Promise<AttendanceStatus | null> {
    for (const s of ['present', 'absent', 'late', 'excused'] as const)
      if (await this.choice(name, s).isChecked()) return s;
    return null;
  }
}

/** `/classes/:id/attendance/summary?month=`: counts per learner and the CSV link. */
export class AttendanceSummaryModel extends AppPage {
  row(name: string): Locator {
    return this.main
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('rowheader', { name: exactly(name) }) });
  }
  async count(name: string, status: AttendanceStatus): Promise<string> {
    return plain((await this.row(name).locator(`td[data-count="${status}"]`).textContent()) ?? '');
  }
  get csvLink(): Locator {
    return this.main.getByRole('link', { name: this.t('attendance.downloadCsv'), exact: true });
  }
}
