import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { WriteLock } from './write-lock';

// The lock between the request thread and the push worker, with a real second thread. The thread
// below takes the cell the way WriteLock does (its threadId + 1), so it needs no TypeScript loader.
// It holds the lock until told to let go (a message), then marks `released` and frees it.
function holder(lockBuffer: SharedArrayBuffer, released: Int32Array) {
  return new Worker(
    `const { workerData, threadId, parentPort } = require('node:worker_threads');
     const cell = new Int32Array(workerData.lock);
     const released = new Int32Array(workerData.released);
     if (Atomics.compareExchange(cell, 0, 0, threadId + 1) !== 0) throw new Error('not free');
     parentPort.postMessage('held');
     parentPort.on('message', (m) => {
       if (m !== 'release') return;
       Atomics.store(released, 0, 1);
       Atomics.store(cell, 0, 0);
       Atomics.notify(cell, 0);
     });`,
    { eval: true, workerData: { lock: lockBuffer, released: released.buffer } },
  );
}

describe('WriteLock', () => {
  it('makes a thread wait until the holder releases, then wakes it', async () => {
    const lock = new WriteLock();
    const released = new Int32Array(new SharedArrayBuffer(4));
    const worker = holder(lock.buffer, released);
    await once(worker, 'message');
    const acquired = lock.acquire(5_000);
    await sleep(20);
    worker.postMessage('release');
    await acquired;
    expect(Atomics.load(released, 0)).toBe(1);
    lock.release();
    await worker.terminate();
  });

  it('answers 503 after its timeout, and frees the hold of a thread that died', async () => {
    const lock = new WriteLock();
    const worker = holder(lock.buffer, new Int32Array(new SharedArrayBuffer(4)));
    const threadId = worker.threadId;
    await once(worker, 'message');
    await worker.terminate();
    await expect(lock.acquire(50)).rejects.toMatchObject({ status: 503, code: 'busy' });
    lock.releaseFor(threadId);
    await lock.acquire(50);
    await expect(lock.acquire(10)).rejects.toThrow(/holds the lock already/);
    lock.release();
    await lock.acquire(50);
    lock.release();
  });

  it('holds back every write of a SQLite connection, in a transaction or not, while another thread holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lawh-write-lock-'));
    const database = openDatabase(join(dir, 'lawh.db'));
    try {
      await database.db.schema.createTable('t').addColumn('n', 'integer').execute();
      const released = new Int32Array(new SharedArrayBuffer(4));
      const worker = holder(database.writeLock!.buffer, released);
      await once(worker, 'message');
      // Reads go on; each write waits for the other thread, and finds its release done.
      const order: string[] = [];
      const alone = database.db
        .insertInto('t' as never)
        .values({ n: 2 } as never)
        .returning('n' as never)
        .execute()
        .then(() => order.push(`insert … returning ran, released ${Atomics.load(released, 0)}`));
      const inTransaction = database.db.transaction().execute(async (trx) => {
        order.push(`transaction began, released ${Atomics.load(released, 0)}`);
        await trx
          .insertInto('t' as never)
          .values({ n: 1 } as never)
          .execute();
      });
      await sleep(100);
      expect(order).toEqual([]);
      worker.postMessage('release');
      await Promise.all([inTransaction, alone]);
      expect(order).toEqual(['insert … returning ran, released 1', 'transaction began, released 1']);
      await worker.terminate();
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
