import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'lawh-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the checkpointer', () => {
  it("copies the WAL into the database file while the writer's own checkpoints are off", async () => {
    const path = join(dir, 'a.db');
    const writer = new SQLite(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (x text)');
    const insert = writer.prepare('insert into t (x) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    // Everything is in the WAL: the file holds no more than its first pages.
    const before = statSync(path).size;
    expect(before).toBeLessThan(100_000);

    const errors: Error[] = [];
    const checkpointer = startCheckpointer(path, (e) => errors.push(e), 20);
    let after = before;
    for (let waited = 0; waited < 5000 && after < 1_000_000; waited += 20) {
      await sleep(20);
      after = statSync(path).size;
    }
    await checkpointer.close();
    expect(after).toBeGreaterThan(1_000_000);
    expect(errors).toEqual([]);
    // The writer carries on, and its rows are all there.
    insert.run('y');
    expect(writer.prepare('select count(*) as n from t').get()).toEqual({ n: 2001 });
    writer.close();
  });

  it('says whether it runs, closes once, and a second close is harmless', async () => {
    const path = join(dir, 'b.db');
    const db = new SQLite(path);
    db.pragma('journal_mode = WAL');
    const checkpointer = startCheckpointer(path, () => {}, 20);
    expect(checkpointer.running).toBe(true);
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    await checkpointer.close();
    db.close();
  });
});
