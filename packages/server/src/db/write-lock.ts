import { threadId } from 'node:worker_threads';
import { AppError } from '../errors';

// Atomics.waitAsync is in Node since 16 and in ES2024; the project's lib is ES2023.
declare global {
  interface Atomics {
    waitAsync(
      typedArray: Int32Array,
      index: number,
      value: number,
      timeout?: number,
    ):
      | { async: false; value: 'not-equal' | 'timed-out' }
      | { async: true; value: Promise<'ok' | 'timed-out'> };
  }
}

/**
 * The right to write to one SQLite file, shared by the threads of this process that open it (the
 * request thread and the push worker, features/sync/push-worker.ts). SQLite has one writer at a
 * time anyway; taking this lock before `BEGIN IMMEDIATE` wakes a waiting thread the moment the
 * other commits, where SQLite's busy handler would sleep 1, 2, 5, 10… ms between tries and could
 * starve the request thread behind a stream of pushes. Waiting is asynchronous, so the request
 * thread keeps serving while it waits (and can hear that the worker died). The cell holds 0 (free)
 * or the holder's threadId + 1, so a dead thread's hold can be released.
 */
export class WriteLock {
  readonly buffer: SharedArrayBuffer;
  readonly #cell: Int32Array;
  readonly #me = threadId + 1;

  constructor(buffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.#cell = new Int32Array(buffer);
  }

  /** Resolves once this thread holds the lock; a 503 after `timeoutMs`. */
  async acquire(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const holder = Atomics.compareExchange(this.#cell, 0, 0, this.#me);
      if (holder === 0) return;
      if (holder === this.#me) throw new Error('WriteLock: this thread holds the lock already');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new AppError(503, 'busy', 'The server is busy writing other work; try again shortly');
      const wait = Atomics.waitAsync(this.#cell, 0, holder, left);
      if (wait.async) await wait.value;
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
