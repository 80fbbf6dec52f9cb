import { Worker } from 'node:worker_threads';

// A checkpoint copies the pages of SQLite's write-ahead log into the database file. Done by the
// connection that commits (wal_autocheckpoint), it runs on the push worker between pushes, on the
// one thread every push waits for: 1.7 of a commit's 3.7 ms in bench/sync/lawh-loop.ts.
// This thread does it instead, on the other core, every `everyMs`, with PASSIVE checkpoints, which
// never wait for or block a reader or the writer. Connections keep wal_autocheckpoint (database.ts)
// as the fallback: if this thread falls behind or stops, the writer checkpoints as before.

export interface Checkpointer {
  /** False once the thread has exited (closed, or failed). */
  readonly running: boolean;
  close(): Promise<void>;
}

export function startCheckpointer(
  sqlitePath: string,
  onError: (error: Error) => void,
  everyMs = 200,
): Checkpointer {
  const worker = new Worker(new URL('./checkpoint.thread.mjs', import.meta.url), {
    workerData: { sqlitePath, everyMs },
  });
  worker.on('error', onError);
  worker.on('message', (m: { error: string }) => onError(new Error(`checkpoint failed: ${m.error}`)));
  let running = true;
  const exited = new Promise((resolve) =>
    worker.once('exit', () => {
      running = false;
      resolve(undefined);
    }),
  );
  return {
    get running() {
      return running;
    },
    async close() {
      if (!running) return;
      worker.postMessage('close');
      await exited;
    },
  };
}
