import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { type Checkpointer, startCheckpointer } from '../../db/checkpointer';
import type { Database } from '../../db/database';
import type { WriteLock } from '../../db/write-lock';
import { AppError } from '../../errors';
import type { DeviceAuth } from '../../plugins/device-auth';
import { type PushOutcome, pushRequestHandler } from './push-request';
import { SYNC_CONFIG } from './sync.config';

// Where pushes are parsed, checked and stored. On a SQLite file a worker thread does it with its own
// connection (ADR 0007): the request thread then only moves bytes, authenticates and serves pulls,
// and the two threads use both cores. SQLite allows one writer at a time, so the threads share a
// WriteLock (db/write-lock.ts) and every transaction begins IMMEDIATE (db/database.ts). PostgreSQL
// and in-memory SQLite (tests) push on the request thread: PostgreSQL works in its own processes,
// and an in-memory database cannot be opened twice.

export interface PushRunner {
  /** Whether pushes run in the worker thread (false: on the request thread). */
  readonly inWorker: boolean;
  /** Whether a worker thread is running now. */
  readonly started: boolean;
  /**
   * Starts the worker now rather than with the first push, which would wait about half a second
   * for it; a listening server does (sync.routes.ts). Nothing on the request thread.
   */
  warm(): void;
  /** `body`: the JSON body's bytes, or what Fastify made of another content type (push-request.ts). */
  push(device: DeviceAuth, body: unknown): Promise<PushOutcome>;
  close(): Promise<void>;
}

/** Messages between the request thread and the worker (push-worker.thread.ts). */
export type ToWorker = { type: 'push'; id: number; device: DeviceAuth; body: unknown } | { type: 'close' };
export type FromWorker =
  | { id: number; ok: true; outcome: PushOutcome }
  | {
      id: number;
      ok: false;
      /** An AppError's parts (a 4xx the tablet should see), or null for a failure (a 500). */
      appError: { status: number; code: string; message: string; details: unknown } | null;
      message: string;
    };

export function pushRunner(database: Database, log: FastifyBaseLogger): PushRunner {
  if (SYNC_CONFIG.pushWorker && database.sqlitePath && database.writeLock)
    return workerRunner(
      new URL('./push-worker.boot.mjs', import.meta.url),
      database.sqlitePath,
      database.writeLock,
      log,
    );
  return {
    inWorker: false,
    started: false,
    warm: () => {},
    push: pushRequestHandler(database),
    close: async () => {},
  };
}

/** Exported for its test, which gives it a worker that dies. */
export function workerRunner(
  entry: URL,
  sqlitePath: string,
  lock: WriteLock,
  log: Pick<FastifyBaseLogger, 'error'>,
): PushRunner {
  let current: { worker: Worker; pending: Map<number, (reply: FromWorker) => void> } | null = null;
  let nextId = 1;
  let closed = false;
  // The WAL's checkpoints, off this worker's thread (db/checkpointer.ts); started with the worker,
  // and again with a restarted worker if its thread has gone.
  let checkpointer: Checkpointer | null = null;

  // Started when the server listens or on first use, and again after a crash; a crash fails only
  // the pushes in flight, which the tablets send again (nothing was acknowledged).
  const start = () => {
    if (!checkpointer?.running)
      checkpointer = startCheckpointer(sqlitePath, (err) => log.error({ err }, 'the checkpointer failed'));
    const worker = new Worker(entry, { workerData: { sqlitePath, writeLock: lock.buffer } });
    const threadId = worker.threadId;
    const pending = new Map<number, (reply: FromWorker) => void>();
    const self = { worker, pending };
    worker.on('message', (reply: FromWorker) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
    worker.on('error', (err) => log.error({ err }, 'the push worker failed'));
    worker.on('exit', (code) => {
      // A worker that died inside a transaction holds the lock: free it for the request thread.
      lock.releaseFor(threadId);
      if (current === self) current = null;
      for (const settle of pending.values())
        settle({ id: 0, ok: false, appError: null, message: `the push worker exited with code ${code}` });
      pending.clear();
    });
    return self;
  };

  return {
    inWorker: true,
    get started() {
      return current !== null;
    },
    warm() {
      if (!closed) current ??= start();
    },
    push(device, body) {
      if (closed) return Promise.reject(new AppError(503, 'busy', 'The server is shutting down'));
      current ??= start();
      const { worker, pending } = current;
      const id = nextId++;
      return new Promise<PushOutcome>((resolve, reject) => {
        pending.set(id, (reply) => {
          if (reply.ok) resolve(reply.outcome);
          else if (reply.appError) {
            const e = reply.appError;
            reject(new AppError(e.status, e.code, e.message, e.details));
          } else reject(new Error(`push failed in the push worker: ${reply.message}`));
        });
        // The bytes are moved rather than cloned. A body that is a whole buffer (a large one always
        // is) goes as it is; a view on part of one (Node's pool) goes as a copy of its own, since
        // moving the view would take the whole pool away.
        let bytes: Uint8Array<ArrayBuffer> | null = null;
        if (body instanceof Uint8Array)
          bytes =
            body.buffer instanceof ArrayBuffer &&
            body.byteOffset === 0 &&
            body.byteLength === body.buffer.byteLength
              ? (body as Uint8Array<ArrayBuffer>)
              : new Uint8Array(body);
        try {
          worker.postMessage(
            { type: 'push', id, device, body: bytes ?? body } satisfies ToWorker,
            bytes ? [bytes.buffer] : [],
          );
        } catch (error) {
          pending.delete(id);
          reject(error);
        }
      });
    },
    async close() {
      closed = true;
      await checkpointer?.close();
      const running = current;
      current = null;
      if (!running) return;
      const exited = new Promise((resolve) => running.worker.once('exit', resolve));
      running.worker.postMessage({ type: 'close' } satisfies ToWorker);
      const timer = setTimeout(() => void running.worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
