// PouchDB's simulated tablets in a process of their own (index.ts, through systems.ts). Their local
// databases hold every event they replicate (about 3 GB in the full run); in the bench process that
// heap made every garbage collection slower for Lawh's simulated tablets too. Each system's tablets
// now pay only for their own memory. Calls carry an id; each answer names it.
import { addEvents, loadDocs, pouchTablet, pullReplicate, pushReplicate, remoteDb } from './pouch-tablet.mjs';

const locals = [];

const ops = {
  /** A tablet records events (not timed: the tablet's own work). */
  async prepare({ i, events }) {
    if (locals[i]) await addEvents(locals[i], events);
    else locals[i] = await pouchTablet(events);
    return null;
  },
  /** A tablet replicates to its school's database. */
  async push({ i, url }) {
    const counter = { requests: 0 };
    const r = await pushReplicate(locals[i], remoteDb(url, counter));
    return { ...r, requests: counter.requests };
  },
  /** A fresh tablet's first pull of a database (scenario (c)). */
  async pull({ url }) {
    const counter = { requests: 0 };
    const r = await pullReplicate(remoteDb(url, counter));
    return { ...r, requests: counter.requests };
  },
  async load({ url, docs }) {
    await loadDocs(url, docs);
    return null;
  },
};

process.on('message', async (m) => {
  if (m.type === 'stop') process.exit(0);
  try {
    process.send({ id: m.id, ok: true, result: await ops[m.op](m) });
  } catch (e) {
    process.send({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
process.send({ type: 'ready' });
