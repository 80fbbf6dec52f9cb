import type { Locator } from 'playwright-core';
import { plain } from './app-page';

/** The body rows of a table as the text of their cells (header cells of a row included). */
export async function rowsOf(table: Locator): Promise<string[][]> {
  await table.waitFor();
  const rows = await table
    .locator(':scope > tbody > tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? '')),
    );
  return rows.map((cells) => cells.map(plain));
}

/** The column headings of a table. */
export async function headingsOf(table: Locator): Promise<string[]> {
  await table.waitFor();
  const cells = await table.locator(':scope > thead th').allInnerTexts();
  // A sortable heading's button carries an arrow after the label.
  return cells.map((c) => plain(c.replace(/[▲▼]/g, '')));
}

/** Rows as objects keyed by column heading. */
export async function recordsOf(table: Locator): Promise<Array<Record<string, string>>> {
  const [heads, rows] = await Promise.all([headingsOf(table), rowsOf(table)]);
  return rows.map((cells) => Object.fromEntries(heads.map((h, i) => [h, cells[i] ?? ''])));
}
