import { threadId } from 'node:worker_threads';

/**
 * The right to write to one SQLite file, shared by the threads of this process that open it (the
 * request thread and the push worker, features/sync/push-worker.ts). SQLite has one writer at a
 * time anyway; taking this lock before `BEGIN IMMEDIATE` makes a waiting thread wake the moment the
 * other commits, where SQLite's busy handler would sleep 1, 2, 5, 10… ms between tries and could
 * starve the request thread behind a stream of pushes. The cell holds 0 (free) or the holder's
 * threadId + 1, so a dead thread's hold can be released.
 */
export class WriteLock {
  readonly buffer: SharedArrayBuffer;
  readonly #cell: Int32Array;
  readonly #me = threadId + 1;

  constructor(buffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.#cell = new Int32Array(buffer);
  }

  /** Blocks the calling thread until it holds the lock; throws after `timeoutMs`. */
  acquire(timeoutMs = 10_000): void {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const holder = Atomics.compareExchange(this.#cell, 0, 0, this.#me);
      if (holder === 0) return;
      if (holder === this.#me) throw new Error('WriteLock: this thread holds the lock already');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('The database stayed busy with another write; try again');
      Atomics.wait(this.#cell, 0, holder, left);
    }
  }

  release(): void {
    this.#free(this.#me);
  }

  /** Frees the lock if thread `holderThreadId` holds it (the push worker died mid-transaction). */
  releaseFor(holderThreadId: number): void {
    this.#free(holderThreadId + 1);
  }

  #free(mark: number): void {
    if (Atomics.compareExchange(this.#cell, 0, mark, 0) === mark) Atomics.notify(this.#cell, 0);
  }
}
