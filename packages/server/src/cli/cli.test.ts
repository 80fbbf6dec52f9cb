import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/database';
import { main } from './index';

// The command line always works on the embedded SQLite database under DATA_DIR here.
describe('lawh command line', () => {
  let dir: string;
  const env = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lawh-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.env = { ...env };
    vi.restoreAllMocks();
  });

  const count = async (table: 'users' | 'schools') => {
    const database = openDatabase(join(dir, 'lawh.db'));
    const rows = await database.db.selectFrom(table).select('id').execute();
    await database.close();
    return rows.length;
  };

  it('create-admin makes a programme admin once and refuses a short password or a taken name', async () => {
    process.env.LAWH_ADMIN_PASSWORD = 'a long enough secret';
    expect(await main(['create-admin', 'chef'])).toBe(0);
    expect(await main(['create-admin', 'chef'])).toBe(1);
    process.env.LAWH_ADMIN_PASSWORD = 'short';
    expect(await main(['create-admin', 'other'])).toBe(2);
    expect(await main(['create-admin', 'bad name!'])).toBe(2);
    expect(await count('users')).toBe(1);
  });

  it('a backup taken while the database is open restores the data as it was', async () => {
    expect(await main(['seed'])).toBe(0);
    const learners = await count('users');
    const backup = join(dir, 'backup.db');
    expect(await main(['backup', backup])).toBe(0);

    const database = openDatabase(join(dir, 'lawh.db'));
    await database.db.deleteFrom('sessions').execute();
    await database.db.updateTable('users').set({ archivedAt: '2026-11-26T00:00:00.000Z' }).execute();
    await database.close();

    expect(await main(['restore', backup])).toBe(0);
    const restored = openDatabase(join(dir, 'lawh.db'));
    const archived = await restored.db
      .selectFrom('users')
      .select('id')
      .where('archivedAt', 'is not', null)
      .execute();
    await restored.close();
    expect(archived).toEqual([]);
    expect(await count('users')).toBe(learners);
  });

  it('restore refuses a file that is not a Lawh database and changes nothing', async () => {
    expect(await main(['seed'])).toBe(0);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database');
    expect(await main(['restore', junk])).toBe(1);
    expect(await main(['restore', join(dir, 'missing.db')])).toBe(2);
    expect(await count('schools')).toBe(8);
  });

  it('an unknown command exits non-zero with the usage', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['help'])).toBe(0);
  });
});
