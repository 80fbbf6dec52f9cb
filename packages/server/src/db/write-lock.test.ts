import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WriteLock } from './write-lock';

// The lock between the request thread and the push worker, with a real second thread. The worker
// below takes the cell the way WriteLock does (its threadId + 1), so the test needs no TypeScript
// loader in the thread.
const holder = (releaseAfterMs: number | null) =>
  new Worker(
    `const { workerData, threadId, parentPort } = require('node:worker_threads');
     const cell = new Int32Array(workerData);
     if (Atomics.compareExchange(cell, 0, 0, threadId + 1) !== 0) throw new Error('not free');
     parentPort.postMessage('held');
     const ms = ${releaseAfterMs};
     if (ms !== null) setTimeout(() => { Atomics.store(cell, 0, 0); Atomics.notify(cell, 0); }, ms);`,
    { eval: true, workerData: lock.buffer },
  );
const lock = new WriteLock();

describe('WriteLock', () => {
  it('makes a thread wait until the holder releases, then wakes it', async () => {
    const worker = holder(150);
    await once(worker, 'message');
    const started = Date.now();
    lock.acquire(5_000);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(2_000);
    lock.release();
    await worker.terminate();
  });

  it('gives up after its timeout, and frees the hold of a thread that died', async () => {
    const worker = holder(null);
    const threadId = worker.threadId;
    await once(worker, 'message');
    await worker.terminate();
    expect(() => lock.acquire(50)).toThrow(/busy/);
    lock.releaseFor(threadId);
    lock.acquire(50);
    expect(() => lock.acquire(10)).toThrow(/holds the lock already/);
    lock.release();
    lock.acquire(50);
    lock.release();
  });
});
