import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config';

const needsSqlite = (config: Config) => {
  if (config.databaseTarget.startsWith('postgres')) {
    console.error(
      'backup and restore cover the embedded SQLite database; use pg_dump / pg_restore for PostgreSQL.',
    );
    return true;
  }
  return false;
};

/** `lawh backup <file>`: SQLite's online backup, safe while the server is running. */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  if (needsSqlite(config)) return 2;
  const out = args[0];
  if (!out) {
    console.error('Usage: lawh backup <file>');
    return 2;
  }
  if (!existsSync(config.databaseTarget)) {
    console.error(`No database at ${config.databaseTarget}`);
    return 1;
  }
  const db = new SQLite(config.databaseTarget, { readonly: true, fileMustExist: true });
  try {
    await db.backup(resolve(out));
  } finally {
    db.close();
  }
  console.log(`Backed up ${config.databaseTarget} to ${resolve(out)}`);
  return 0;
}

/**
 * `lawh restore <file>`: checks that the file is an intact Lawh database, then swaps it in. Run it
 * with the server stopped: a running server would keep writing to the replaced file.
 */
export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  if (needsSqlite(config)) return 2;
  const src = args[0];
  if (!src || !existsSync(src)) {
    console.error('Usage: lawh restore <backup-file>   (the file must exist)');
    return 2;
  }
  let check: SQLite.Database | null = null;
  try {
    check = new SQLite(src, { readonly: true, fileMustExist: true });
    const ok = check.pragma('integrity_check', { simple: true });
    const lawh = check.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get();
    if (ok !== 'ok' || !lawh) throw new Error('not a Lawh database');
  } catch (e) {
    console.error(`Refusing to restore ${src}: ${e instanceof Error ? e.message : e}. Nothing was changed.`);
    return 1;
  } finally {
    check?.close();
  }
  // Copy beside the target first, then rename: the swap is atomic and a failed copy changes nothing.
  const tmp = `${config.databaseTarget}.restore-tmp`;
  const source = new SQLite(src, { readonly: true });
  try {
    await source.backup(tmp);
  } finally {
    source.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(config.databaseTarget + suffix, { force: true });
  renameSync(tmp, config.databaseTarget);
  console.log(`Restored ${config.databaseTarget} from ${resolve(src)}`);
  return 0;
}
