import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImportProblem, ImportResult } from '@lawh/shared';
import type { Auth } from '../auth/policy';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../errors';
import { rosterExportService } from '../features/roster/roster-export.service';
import { rosterImportService } from '../features/roster/roster-import.service';

const USAGE = `Usage: lawh roster import <zip|dir> [--dry-run]   import OneRoster 1.1 CSV, all or nothing
       lawh roster export <dir>                   write the roster as OneRoster 1.1 CSV`;

/** The command line acts for the programme: whoever can run it already holds the database. */
const SYSTEM: Auth = { userId: 'system', role: 'programme_admin', schoolId: null };

export const formatProblem = (p: ImportProblem) =>
  `${p.file}${p.line === null ? '' : `:${p.line}`}${p.column === null ? '' : ` ${p.column}`}: ${p.message}`;

export async function rosterCommand(config: Config, args: string[]): Promise<number> {
  const [sub, target, ...flags] = args;
  if (!target || (sub !== 'import' && sub !== 'export')) {
    console.error(USAGE);
    return 2;
  }
  if (sub === 'import' && !existsSync(target)) {
    console.error(`${target}: no such file or folder`);
    return 2;
  }
  const database = openDatabase(config.databaseTarget);
  try {
    await migrateToLatest(database.db);
    if (sub === 'export') {
      const files = await rosterExportService(database.db).files(SYSTEM);
      mkdirSync(target, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);
      console.log(`Wrote ${Object.keys(files).length} OneRoster files to ${resolve(target)}`);
      return 0;
    }
    const dryRun = flags.includes('--dry-run');
    const importer = rosterImportService(database.db);
    const result = statSync(target).isDirectory()
      ? await importer.importDirectory(SYSTEM, target, { dryRun })
      : await importer.importZip(
          SYSTEM,
          async () => ({ bytes: readFileSync(target), name: basename(target) }),
          {
            dryRun,
          },
        );
    printCounts(result, dryRun);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const problems = (e.details as { problems?: ImportProblem[] } | undefined)?.problems ?? [];
    for (const p of problems) console.error(formatProblem(p));
    console.error(e.message);
    return 1;
  } finally {
    await database.close();
  }
}

function printCounts({ counts }: ImportResult, dryRun: boolean): void {
  console.log(dryRun ? 'The roster is valid (dry run, nothing written):' : 'Roster imported:');
  for (const [entity, c] of Object.entries(counts))
    console.log(
      `  ${entity.padEnd(17)} ${String(c.created).padStart(6)} created ${String(c.updated).padStart(6)} updated ${String(c.unchanged).padStart(6)} unchanged`,
    );
}
