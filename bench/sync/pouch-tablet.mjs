// A simulated PouchDB tablet: the same events as documents in a local PouchDB (memory adapter), then
// one-way replication to the school's database on the server, as an offline PouchDB app would do.
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';

PouchDB.plugin(memoryAdapter);

/**
 * Documents per replication batch, as Lawh's requests hold: pushes up to 2,000 events
 * (SYNC_LIMITS.pushMaxEvents), pull pages up to 1,000 rows (pullMaxRows). PouchDB's default is 100.
 */
export const POUCH_BATCH = 2000;
const POUCH_PULL_BATCH = 1000;

let serial = 0;

/** A remote database handle that counts its HTTP requests. */
export function remoteDb(url, counter) {
  return new PouchDB(url, {
    skip_setup: false,
    fetch: (u, opts) => {
      counter.requests++;
      return PouchDB.fetch(u, opts);
    },
  });
}

/** Creates the tablet's local database with `events` in it (not timed: this is the tablet's own work). */
export async function pouchTablet(events) {
  const local = new PouchDB(`tablet-${serial++}`, { adapter: 'memory' });
  const docs = events.map(({ id, ...rest }) => ({ _id: id, ...rest }));
  for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
  return local;
}

/** Adds more events to a tablet's local database. */
export async function addEvents(local, events) {
  await local.bulkDocs(events.map(({ id, ...rest }) => ({ _id: id, ...rest })));
}

/** Replicates the local database to `remote`; resolves with the docs written and the time taken. */
export async function pushReplicate(local, remote) {
  const t0 = Date.now();
  const result = await local.replicate.to(remote, { batch_size: POUCH_BATCH });
  if (!result.ok || result.doc_write_failures > 0)
    throw new Error(`replication failed: ${JSON.stringify(result.errors)}`);
  return { written: result.docs_written, ms: Date.now() - t0 };
}

/** A fresh tablet's first pull of a database (scenario (c)); destroyed afterwards. */
export async function pullReplicate(remote) {
  const local = new PouchDB(`fresh-${serial++}`, { adapter: 'memory' });
  const t0 = Date.now();
  const result = await local.replicate.from(remote, { batch_size: POUCH_PULL_BATCH });
  const ms = Date.now() - t0;
  await local.destroy();
  return { read: result.docs_written, ms };
}

/** Loads documents into a server database directly (setup, not through the proxy). */
export async function loadDocs(url, docs) {
  const db = new PouchDB(url);
  for (let i = 0; i < docs.length; i += 500) await db.bulkDocs(docs.slice(i, i + 500));
}
