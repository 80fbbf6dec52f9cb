import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportProblem } from '@lawh/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import {
  fileName,
  MANIFEST_FILES,
  REQUIRED_COLUMNS,
  ROSTER_FILES,
  type RosterFile,
} from './oneroster-format';

/**
 * Bytes → CSV tables: opens a zip or a folder, checks manifest.csv, decodes UTF-8 and parses CSV.
 * Everything wrong is collected as a problem; nothing here touches the database.
 */

/**
 * Room for ~60 000 learners in six classes each (a users.csv row is ~160 bytes, an enrollments.csv
 * row ~65, measured on the sample roster), and still little enough to hold in memory at once.
 */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 500;

export interface RosterFiles {
  files: Map<string, Uint8Array>;
  problems: ImportProblem[];
}

export interface CsvRow {
  line: number;
  cells: Map<string, string>;
}
export interface CsvTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
}

export interface RosterTables {
  tables: Partial<Record<RosterFile, CsvTable>>;
  /** Files that should be there but could not be read: references into them are not reported. */
  broken: Set<RosterFile>;
  problems: ImportProblem[];
}

const problem = (file: string, line: number | null, column: string | null, message: string) => ({
  file,
  line,
  column,
  message,
});

const isUnsafePath = (name: string) =>
  /^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');

/** Opens a zip without trusting it: names and declared sizes are checked before anything is inflated. */
export function readRosterZip(bytes: Uint8Array, label = 'roster.zip'): RosterFiles {
  const entries: Array<{ name: string; size: number }> = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.originalSize });
        return false;
      },
    });
  } catch {
    return { files: new Map(), problems: [problem(label, null, null, 'is not a valid zip file')] };
  }
  const problems: ImportProblem[] = [];
  const unsafe = entries.filter((e) => isUnsafePath(e.name)).map((e) => e.name);
  if (unsafe.length)
    problems.push(problem(label, null, null, `holds unsafe file names (${unsafe.slice(0, 3).join(', ')})`));
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > MAX_UNPACKED_BYTES)
    problems.push(
      problem(
        label,
        null,
        null,
        `unpacks to ${Math.ceil(total / 2 ** 20)} MB; a roster may hold at most 50 MB`,
      ),
    );
  if (entries.length > MAX_ZIP_ENTRIES)
    problems.push(
      problem(
        label,
        null,
        null,
        `holds ${entries.length} files; a OneRoster zip holds only its dozen or so CSV files`,
      ),
    );
  if (problems.length) return { files: new Map(), problems };

  // Zipping a folder often nests the files one level down: read the folder that holds manifest.csv.
  const manifest = entries
    .map((e) => e.name)
    .filter((n) => n === 'manifest.csv' || n.endsWith('/manifest.csv'))
    .sort((a, b) => a.length - b.length)[0];
  const base = manifest ? manifest.slice(0, -'manifest.csv'.length) : '';
  const wanted = new Set<string>();
  for (const { name } of entries) {
    const rest = name.slice(base.length);
    if (!name.startsWith(base) || rest.includes('/') || !rest.endsWith('.csv')) continue;
    if (wanted.has(name)) problems.push(problem(rest, null, null, 'appears twice in the zip'));
    wanted.add(name);
  }
  if (problems.length) return { files: new Map(), problems };
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  } catch (e) {
    // Damaged data, encryption, or a method other than deflate (LZMA, bzip2…).
    const why = e instanceof Error ? e.message : String(e);
    return { files: new Map(), problems: [problem(label, null, null, `cannot be unpacked (${why})`)] };
  }
  const files = new Map(Object.entries(unpacked).map(([name, data]) => [name.slice(base.length), data]));
  return { files, problems };
}

/** The same from a folder (the command line): only the top-level .csv files are read. */
export function readRosterDir(dir: string): RosterFiles {
  const names = readdirSync(dir).filter((n) => n.endsWith('.csv') && statSync(join(dir, n)).isFile());
  const total = names.reduce((n, name) => n + statSync(join(dir, name)).size, 0);
  if (total > MAX_UNPACKED_BYTES)
    return { files: new Map(), problems: [problem(dir, null, null, 'holds more than 50 MB of CSV')] };
  return { files: new Map(names.map((n) => [n, readFileSync(join(dir, n))])), problems: [] };
}

/** manifest.csv decides which files must be there; each of those is parsed and its header checked. */
export function readRosterTables(files: Map<string, Uint8Array>): RosterTables {
  const problems: ImportProblem[] = [];
  const out: RosterTables = { tables: {}, broken: new Set(), problems };
  const manifestBytes = files.get(fileName('manifest'));
  const manifest = manifestBytes ? parseCsv('manifest.csv', manifestBytes, problems) : null;
  if (!manifestBytes) problems.push(problem('manifest.csv', null, null, 'is missing from the roster'));
  if (!manifest || !hasColumns(manifest, ['propertyName', 'value'], problems)) {
    for (const f of ROSTER_FILES) out.broken.add(f);
    return out;
  }
  const props = new Map(manifest.rows.map((r) => [r.cells.get('propertyName') ?? '', r]));
  const expectVersion = (property: string, version: string) => {
    const row = props.get(property);
    const value = row?.cells.get('value') ?? '';
    if (value !== version)
      problems.push(
        problem(
          'manifest.csv',
          row?.line ?? null,
          'value',
          `${property} must be ${version} (found "${value}")`,
        ),
      );
  };
  expectVersion('manifest.version', '1.0');
  expectVersion('oneroster.version', '1.1');

  for (const f of MANIFEST_FILES) {
    const row = props.get(`file.${f}`);
    const mode = row?.cells.get('value') ?? 'absent';
    const name = `${f}.csv`;
    const isOurs = (ROSTER_FILES as readonly string[]).includes(f);
    const markBroken = () => isOurs && out.broken.add(f as RosterFile);
    if (mode === 'absent') continue;
    if (mode === 'delta') {
      problems.push(
        problem('manifest.csv', row!.line, 'value', `file.${f} is delta: only bulk rosters can be imported`),
      );
      markBroken();
    } else if (mode !== 'bulk') {
      problems.push(
        problem('manifest.csv', row!.line, 'value', `file.${f} must be bulk or absent, not "${mode}"`),
      );
      markBroken();
    } else if (!files.has(name)) {
      problems.push(problem(name, null, null, 'is listed as bulk in manifest.csv but is not in the roster'));
      markBroken();
    } else if (isOurs) {
      const table = parseCsv(name, files.get(name)!, problems);
      if (table && hasColumns(table, REQUIRED_COLUMNS[f as RosterFile], problems))
        out.tables[f as RosterFile] = table;
      else markBroken();
    }
  }
  return out;
}

function hasColumns(table: CsvTable, required: readonly string[], problems: ImportProblem[]): boolean {
  const missing = required.filter((c) => !table.columns.includes(c));
  for (const c of missing) problems.push(problem(table.file, 1, c, 'required column is missing'));
  return missing.length === 0;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8 (a BOM is fine) and parses CSV; null when the file cannot be read. */
export function parseCsv(file: string, bytes: Uint8Array, problems: ImportProblem[]): CsvTable | null {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const line = firstBadUtf8Line(bytes);
    problems.push(problem(file, line, null, 'is not UTF-8 text; save it as "CSV UTF-8"'));
    return null;
  }
  const lines = text.split(/\r\n|\r|\n/);
  const ends: number[] = [];
  // The line where a record starts: the first non-blank line after the previous record ended.
  const startAfter = (end: number) => {
    let l = end + 1;
    while (l < lines.length && (lines[l - 1] ?? '').trim() === '') l++;
    return l;
  };
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], ctx) => {
        ends.push(ctx.lines);
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const unclosed = e.code === 'CSV_QUOTE_NOT_CLOSED';
    const line = unclosed
      ? startAfter(ends.at(-1) ?? 0)
      : ((e as CsvError & { lines?: number }).lines ?? null);
    const message = unclosed
      ? 'malformed CSV: a quoted value is never closed (a " is missing)'
      : 'malformed CSV: a quote inside a value must be written twice ("")';
    problems.push(problem(file, line, null, message));
    return null;
  }
  const [header, ...body] = records;
  if (!header) {
    problems.push(problem(file, null, null, 'is empty: the first line must name the columns'));
    return null;
  }
  const columns = header.map((c) => c.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) problems.push(problem(file, 1, c, 'column appears twice in the header'));
    seen.add(c);
  }
  const rows: CsvRow[] = [];
  body.forEach((record, i) => {
    if (record.every((v) => v.trim() === '')) return;
    const line = startAfter(ends[i] ?? 0);
    if (record.length !== columns.length)
      problems.push(
        problem(
          file,
          line,
          null,
          `has ${record.length} values but the header names ${columns.length} columns`,
        ),
      );
    rows.push({ line, cells: new Map(columns.map((c, j) => [c, (record[j] ?? '').trim()])) });
  });
  return { file, columns, rows };
}

/** UTF-8 never uses the byte 0x0A inside a character, so each line can be checked on its own. */
function firstBadUtf8Line(bytes: Uint8Array): number | null {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      UTF8.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return null;
}
