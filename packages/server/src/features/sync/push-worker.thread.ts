import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database';
import { AppError } from '../../errors';
import { pushRequestHandler } from './push-request';
import type { FromWorker, ToWorker } from './push-worker';

// The push worker's thread: its own connection to the SQLite file, sharing the request thread's
// write lock, and the same handler the request thread would run.

const port = parentPort;
if (!port) throw new Error('push-worker.thread.ts runs in a worker thread');
const { sqlitePath, writeLock } = workerData as { sqlitePath: string; writeLock: SharedArrayBuffer };
const database = openDatabase(sqlitePath, { writeLock });
const handle = pushRequestHandler(database);

// One message at a time, in order: a push's parse and checks run while no other push is inside
// a transaction, and `close` waits for the pushes before it.
let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  queue = queue.then(() => handleMessage(m));
});

async function handleMessage(m: ToWorker): Promise<void> {
  if (m.type === 'close') {
    await database.close();
    port?.close();
    return;
  }
  let reply: FromWorker;
  try {
    reply = { id: m.id, ok: true, outcome: await handle(m.device, m.body) };
  } catch (e) {
    const appError =
      e instanceof AppError
        ? { status: e.status, code: e.code, message: e.message, details: e.details }
        : null;
    reply = {
      id: m.id,
      ok: false,
      appError,
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
  port?.postMessage(reply);
}
