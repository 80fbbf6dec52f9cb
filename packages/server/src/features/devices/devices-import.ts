import type { ImportProblem } from '@lawh/shared';
import { imei, serialNumber, text } from '@lawh/shared';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { parseCsv } from '../roster/oneroster-read';

/**
 * A tablet list from the supplier or a spreadsheet, as CSV: `serial_number,imei,model,batch`, one
 * tablet a line, keyed by serial number. This file turns bytes into a plan (what to create, what to
 * change) or a list of problems; it never touches the database. The file is the truth for the
 * tablets it names: an empty imei cell clears a stored IMEI.
 */

export const DEVICE_COLUMNS = ['serial_number', 'imei', 'model', 'batch'] as const;

/** A response naming 100,000 bad rows would not help anyone; the first ones show what is wrong. */
const MAX_LISTED_PROBLEMS = 1000;

export interface DeviceCsvRow {
  line: number;
  serialNumber: string;
  imei: string | null;
  model: string;
  batch: string;
}

/** What the database holds of a tablet, for comparison. */
export interface ExistingDevice {
  id: string;
  serialNumber: string;
  imei: string | null;
  model: string;
  batch: string;
}

export interface ImportPlan<E extends ExistingDevice> {
  creates: DeviceCsvRow[];
  updates: Array<{ existing: E; row: DeviceCsvRow }>;
  unchanged: number;
  problems: ImportProblem[];
}

const problem = (
  file: string,
  line: number | null,
  column: string | null,
  message: string,
): ImportProblem => ({
  file,
  line,
  column,
  message,
});

const cellSchemas: Record<(typeof DEVICE_COLUMNS)[number], z.ZodType<string>> = {
  serial_number: serialNumber,
  imei,
  model: text(100),
  batch: text(100),
};

/** Decodes (strict UTF-8, a BOM is fine), parses and checks every cell; rows come back only when all are good. */
export function readDevicesCsv(
  file: string,
  bytes: Uint8Array,
): { rows: DeviceCsvRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const table = parseCsv(file, bytes, problems);
  if (!table) return { rows: [], problems };

  const missing = DEVICE_COLUMNS.filter((c) => !table.columns.includes(c));
  for (const c of missing) problems.push(problem(file, 1, c, 'required column is missing'));
  // An unknown column is most likely a tablet detail the import would silently drop (or a typo).
  for (const c of table.columns)
    if (!(DEVICE_COLUMNS as readonly string[]).includes(c))
      problems.push(problem(file, 1, c, `unknown column; the columns are ${DEVICE_COLUMNS.join(', ')}`));
  if (problems.length) return { rows: [], problems };

  const rows: DeviceCsvRow[] = [];
  for (const { line, cells } of table.rows) {
    const values: Partial<Record<(typeof DEVICE_COLUMNS)[number], string>> = {};
    for (const column of DEVICE_COLUMNS) {
      const raw = cells.get(column) ?? '';
      if (column === 'imei' && raw === '') continue;
      const parsed = cellSchemas[column].safeParse(raw);
      if (parsed.success) values[column] = parsed.data;
      else
        problems.push(
          problem(
            file,
            line,
            column,
            raw === '' ? 'is required' : (parsed.error.issues[0]?.message ?? 'is not valid'),
          ),
        );
    }
    if (values.serial_number && values.model && values.batch)
      rows.push({
        line,
        serialNumber: values.serial_number,
        imei: values.imei ?? null,
        model: values.model,
        batch: values.batch,
      });
  }
  return { rows: problems.length ? [] : rows, problems };
}

/** Compares the file with the stored tablets: duplicates in the file or against another tablet are problems. */
export function planDevicesImport<E extends ExistingDevice>(
  file: string,
  rows: DeviceCsvRow[],
  existing: E[],
): ImportPlan<E> {
  const plan: ImportPlan<E> = { creates: [], updates: [], unchanged: 0, problems: [] };
  const bySerial = new Map(existing.map((d) => [d.serialNumber, d]));
  const byImei = new Map(existing.filter((d) => d.imei).map((d) => [d.imei as string, d]));
  const serialLine = new Map<string, number>();
  const imeiLine = new Map<string, number>();

  for (const row of rows) {
    let ok = true;
    const seenSerial = serialLine.get(row.serialNumber);
    if (seenSerial !== undefined) {
      plan.problems.push(
        problem(file, row.line, 'serial_number', `${row.serialNumber} is already on line ${seenSerial}`),
      );
      ok = false;
    } else serialLine.set(row.serialNumber, row.line);
    if (row.imei) {
      const seenImei = imeiLine.get(row.imei);
      const holder = byImei.get(row.imei);
      if (seenImei !== undefined) {
        plan.problems.push(problem(file, row.line, 'imei', `${row.imei} is already on line ${seenImei}`));
        ok = false;
      } else if (holder && holder.serialNumber !== row.serialNumber) {
        plan.problems.push(
          problem(file, row.line, 'imei', `${row.imei} already belongs to the tablet ${holder.serialNumber}`),
        );
        ok = false;
      }
      imeiLine.set(row.imei, imeiLine.get(row.imei) ?? row.line);
    }
    if (!ok) continue;

    const current = bySerial.get(row.serialNumber);
    if (!current) plan.creates.push(row);
    else if (current.imei !== row.imei || current.model !== row.model || current.batch !== row.batch)
      plan.updates.push({ existing: current, row });
    else plan.unchanged++;
  }
  return plan;
}

export function importFailed(problems: ImportProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const n = problems.length;
  const listed = n > MAX_LISTED_PROBLEMS ? ` (the first ${MAX_LISTED_PROBLEMS} are listed)` : '';
  return new AppError(
    422,
    'import_failed',
    `${n} ${n === 1 ? 'problem' : 'problems'} found${listed}; nothing was imported`,
    { problems: sorted.slice(0, MAX_LISTED_PROBLEMS) },
  );
}
