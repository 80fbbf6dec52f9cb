// The checkpointer's thread (checkpointer.ts). Plain JavaScript: it needs better-sqlite3 and nothing
// of the server, so it loads no TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { sqlitePath, everyMs } = workerData;
const db = new SQLite(sqlitePath);
// As configureSqlite (database.ts): a checkpoint syncs the WAL before copying and the file after.
db.pragma('synchronous = NORMAL');

const timer = setInterval(() => {
  try {
    // PASSIVE copies what it can and never waits for, or blocks, a reader or the writer; while
    // another connection checkpoints, it answers busy and the next tick goes on from there.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // An I/O error, say: reported, and tried again at the next tick rather than given up for good.
    parentPort?.postMessage({ error: `${error?.code ?? 'error'}: ${error?.message ?? error}` });
  }
}, everyMs);

parentPort?.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
