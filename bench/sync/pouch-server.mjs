// The PouchDB baseline's server: express-pouchdb over PouchDB with the leveldb adapter, in its own
// process on loopback (forked by bench/sync/index.ts), data in the temp folder DATA_DIR.
import { mkdirSync } from 'node:fs';
import express from 'express';
import expressPouch from 'express-pouchdb';
import PouchDB from 'pouchdb';

const dir = process.env.DATA_DIR;
if (!dir || !process.send) throw new Error('run through bench/sync/index.ts (DATA_DIR and IPC needed)');
mkdirSync(`${dir}/`, { recursive: true });
const Server = PouchDB.defaults({ prefix: `${dir}/` });
const app = express();
// minimumForPouchDB: only what replication needs (no Fauxton, no config API), the leanest setup.
app.use('/', expressPouch(Server, { mode: 'minimumForPouchDB', logPath: `${dir}/log.txt` }));
const server = app.listen(0, '127.0.0.1', () => {
  process.send({ type: 'ready', port: server.address().port });
});
process.on('message', async (m) => {
  if (m.type === 'count') {
    const out = {};
    for (const name of m.dbs) out[name] = (await new Server(name).info()).doc_count;
    process.send({ type: 'counted', counts: out });
  } else if (m.type === 'stop') {
    server.close();
    process.exit(0);
  }
});
