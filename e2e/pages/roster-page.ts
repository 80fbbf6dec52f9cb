import type { Locator } from 'playwright-core';
import { AppPage, captioned } from './app-page';
import { recordsOf } from './table';

/** The kinds of record a roster import counts (the API's keys). */
export type RosterEntity =
  | 'schools'
  | 'academicSessions'
  | 'classes'
  | 'learners'
  | 'teachers'
  | 'schoolAdmins'
  | 'enrolments';

/** `/roster`: a OneRoster zip is checked first, then imported on confirmation. */
export class RosterPage extends AppPage {
  get file(): Locator {
    return this.main.getByLabel(this.t('roster.file'));
  }

  /** Chooses the zip and asks for the check; returns the HTTP status of the dry run. */
  async check(name: string, zip: Uint8Array): Promise<number> {
    await this.file.setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
    const res = await this.answer('POST', '/api/v1/roster/import?dryRun=true', () =>
      this.main.getByRole('button', { name: this.t('roster.check'), exact: true }).click(),
    );
    await this.ready();
    return res.status();
  }

  /** Confirms the import of the checked file. */
  async importChecked(): Promise<number> {
    const res = await this.answer('POST', /^\/api\/v1\/roster\/import$/, () =>
      this.main.getByRole('button', { name: this.t('roster.import'), exact: true }).click(),
    );
    await this.notice(this.t('roster.imported')).waitFor();
    await this.ready();
    return res.status();
  }

  /** A counts table (the preview or the result) as numbers per kind of record, keyed as the API keys them. */
  async counts(caption: string, kinds: RosterEntity[]): Promise<Record<string, number[]>> {
    const rows = await recordsOf(this.main.getByRole('table', { name: captioned(caption) }));
    const t = this.t;
    const number = (s: string | undefined) => Number((s ?? '').replace(/[^\d]/g, ''));
    return Object.fromEntries(
      kinds.map((kind) => {
        const row = rows.find((r) => r[t('import.entity')] === t(`import.entity.${kind}`));
        if (!row) throw new Error(`no row for ${kind} in "${caption}"`);
        return [
          kind,
          [row[t('import.created')], row[t('import.updated')], row[t('import.unchanged')]].map(number),
        ];
      }),
    );
  }

  /** The problems table: one record per problem, keyed by the API's field names. */
  async problems(): Promise<Array<{ file: string; line: string; column: string; message: string }>> {
    const t = this.t;
    const table = this.main
      .getByRole('table')
      .filter({ has: this.page.getByRole('columnheader', { name: t('import.line'), exact: true }) });
    const rows = await recordsOf(table);
    return rows.map((r) => ({
      file: r[t('import.file')] ?? '',
      line: r[t('import.line')] ?? '',
      column: r[t('import.column')] ?? '',
      message: r[t('import.message')] ?? '',
    }));
  }
}
