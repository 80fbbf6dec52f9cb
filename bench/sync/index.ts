import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compressionFloor, sqliteFloor } from './floors';
import { LawhTablet, type SyncRun } from './lawh-tablet';
import { cpuSeconds, peakRss, percentile, pool, resetPeak, startProxy } from './meters';
import type { ServerMessage } from './protocol';
import { fmt, type Phase, report } from './report';
import { startLawh, startPouch, startPouchTablets } from './systems';
import { nextEvents, type TabletState, tabletState } from './workload';

// npm run bench:sync [-- --quick]: Lawh's sync against PouchDB replication on the same seeded
// workload, both servers in their own process on loopback behind a byte-counting proxy.
// See bench/README.md for the method; the last line printed is one JSON object.

const quick = process.argv.includes('--quick');
const SEED = 4;
const CONCURRENCY = 20;
/**
 * Waves each system runs in a turn before the other takes over (BENCH_TURN_WAVES=N; by default all
 * of a scenario's waves). A scenario is a steady load, and turns of one wave left Lawh's server idle
 * through nine tenths of its (a), each of its waves landing on a server that had cooled while
 * PouchDB worked: about a third more CPU per event (bench/README.md, tenth round).
 */
const TURN_WAVES = process.env.BENCH_TURN_WAVES
  ? Math.max(1, Math.floor(Number(process.env.BENCH_TURN_WAVES)) || 1)
  : Number.POSITIVE_INFINITY;
const EVENTS_A = quick ? 250 : 5000;
const EVENTS_B = 50;
const EVENTS_RUSH = 100;
const CONTENT_C = 2000;
/** Tablets whose events make the compression floor (brotli at quality 11 is slow on 200 tablets). */
const FLOOR_SAMPLE = quick ? 20 : 5;

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

const tmp = mkdtempSync(join(tmpdir(), 'lawh-bench-sync-'));
const lawh = await startLawh(join(tmp, 'lawh'));
const pouch = await startPouch(join(tmp, 'pouch'));
// PouchDB's tablets run in a process of their own (pouch-host.mjs says why); Lawh's run in this one.
const pouchTablets = await startPouchTablets();
const cleanup = async () => {
  await Promise.all([lawh.stop(), pouch.stop(), pouchTablets.stop()]);
  rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  await main();
} finally {
  await cleanup();
}

async function main(): Promise<void> {
  const { tablets: setups, library } = lawh.ready;
  log(
    `servers up: Lawh pid ${lawh.pid}, PouchDB pid ${pouch.pid}; ${setups.length} tablets, ${cpus().length} cores`,
  );
  const lawhProxy = await startProxy(lawh.ready.port);
  const pouchProxy = await startProxy(pouch.ready.port);
  const pouchUrl = (schoolId: string) =>
    `http://127.0.0.1:${pouchProxy.port}/school-${schoolId.toLowerCase()}`;

  // Each system's tablets make their events from PRNG states of their own, seeded alike.
  const states: TabletState[] = setups.map((s, i) => tabletState(s, i, SEED));
  const pouchStates: TabletState[] = setups.map((s, i) => tabletState(s, i, SEED));
  const lawhTablets = setups.map((s) => new LawhTablet(s, lawhProxy.port));
  const lawhAll = [...lawhTablets];

  // Provisioning (not measured): every Lawh tablet takes its first pull of its roster.
  let unprovisioned = 0;
  await pool(lawhTablets, CONCURRENCY, async (t) => {
    await t.sync().catch((e: unknown) => {
      if (unprovisioned++ === 0)
        log(`provisioning pull failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  log(`tablets provisioned (first pull of their rosters)${unprovisioned ? `; ${unprovisioned} failed` : ''}`);

  interface Part {
    system: Phase['system'];
    prepare: (i: number) => Promise<void>;
    sync: (i: number) => Promise<{ ms: number; requests: number; busy: number }>;
  }

  /**
   * Runs a scenario for both systems in waves of CONCURRENCY tablets (or all at once): per wave,
   * each system prepares its tablets (not timed), then they sync together (timed). The systems take
   * turns of TURN_WAVES waves (by default the whole scenario: Lawh's, then PouchDB's). Each server
   * is idle while the other works, so its CPU is measured over the whole scenario.
   */
  async function scenario(parts: Part[], indexes: number[], opts: { waves: boolean }): Promise<Phase[]> {
    const phases = parts.map(
      (part): Phase => ({
        system: part.system,
        events: 0,
        seconds: 0,
        waveSeconds: [],
        up: 0,
        down: 0,
        requests: 0,
        connections: 0,
        serverCpuS: 0,
        serverPeakRss: 0,
        clientCpuS: 0,
        p95Ms: 0,
        maxMs: 0,
        errors: 0,
        busy: 0,
        othersCpuS: 0,
      }),
    );
    const pidOf = (p: Phase) => (p.system === 'lawh' ? lawh.pid : pouch.pid);
    const proxyOf = (p: Phase) => (p.system === 'lawh' ? lawhProxy : pouchProxy);
    const times = parts.map(() => [] as number[]);
    const cpu0 = phases.map((p) => {
      proxyOf(p).reset();
      resetPeak(pidOf(p));
      return cpuSeconds(pidOf(p));
    });
    const lawhRequests0 = lawhAll.reduce((n, t) => n + t.requests, 0);
    const lawhBusy0 = lawhAll.reduce((n, t) => n + t.busy, 0);
    const waves = opts.waves ? chunk(indexes, CONCURRENCY) : [indexes];
    for (const turn of chunk(waves, TURN_WAVES))
      for (const [k, part] of parts.entries())
        for (const wave of turn) {
          const p = phases[k]!;
          for (const i of wave) await part.prepare(i);
          const client0 = process.cpuUsage();
          const host0 = p.system === 'pouchdb' ? cpuSeconds(pouchTablets.pid) : 0;
          const others = p.system === 'lawh' ? [pouch.pid, pouchTablets.pid] : [lawh.pid];
          const others0 = others.reduce((n, pid) => n + cpuSeconds(pid), 0);
          const t0 = performance.now();
          await Promise.all(
            wave.map(async (i) => {
              try {
                const r = await part.sync(i);
                times[k]!.push(r.ms);
                if (p.system === 'pouchdb') p.requests += r.requests;
              } catch (e) {
                p.errors++;
                if (p.errors <= 3)
                  log(`${p.system} tablet ${i}: ${e instanceof Error ? e.message : String(e)}`);
              }
            }),
          );
          const seconds = (performance.now() - t0) / 1000;
          p.seconds += seconds;
          p.waveSeconds.push(seconds);
          p.othersCpuS += others.reduce((n, pid) => n + cpuSeconds(pid), 0) - others0;
          const c = process.cpuUsage(client0);
          p.clientCpuS += (c.user + c.system) / 1e6;
          if (p.system === 'pouchdb') p.clientCpuS += cpuSeconds(pouchTablets.pid) - host0;
        }
    for (const [k, p] of phases.entries()) {
      if (p.system === 'lawh') {
        // Counted on the tablets, so that requests of failed runs are not lost.
        p.requests = lawhAll.reduce((n, t) => n + t.requests, 0) - lawhRequests0;
        p.busy = lawhAll.reduce((n, t) => n + t.busy, 0) - lawhBusy0;
      }
      p.serverCpuS = cpuSeconds(pidOf(p)) - cpu0[k]!;
      p.serverPeakRss = peakRss(pidOf(p));
      const wire = proxyOf(p).reset();
      Object.assign(p, { up: wire.up, down: wire.down, connections: wire.connections });
      p.p95Ms = percentile(times[k]!, 95);
      p.maxMs = Math.max(0, ...times[k]!);
    }
    return phases;
  }

  const all = setups.map((_, i) => i);
  const results: Record<string, Phase[]> = {};

  /**
   * A scenario where every tablet records `n` more events and syncs them, both systems. Each system
   * makes a tablet's events when it prepares the tablet, from a PRNG state of its own seeded alike,
   * so both get the same events and only a wave's events are held at a time.
   */
  async function eventsScenario(name: string, n: number, waves: boolean): Promise<void> {
    const total = n * setups.length;
    const pulled = { changes: 0, superseded: 0 };
    const [lawhPhase, pouchPhase] = await scenario(
      [
        {
          system: 'lawh',
          prepare: async (i) => void lawhTablets[i]!.outbox.push(...nextEvents(states[i]!, library, n)),
          sync: async (i) => {
            const r: SyncRun = await lawhTablets[i]!.sync({ keepChanges: true });
            if (r.pushed !== n) throw new Error(`pushed ${r.pushed} of ${n}`);
            // Rows this pull sent more than once (an older version superseded within the same pull).
            const keys = new Set(r.changes!.map((c) => `${c.entity}:${c.key}`));
            pulled.changes += r.changes!.length;
            pulled.superseded += r.changes!.length - keys.size;
            return r;
          },
        },
        {
          system: 'pouchdb',
          prepare: (i) =>
            pouchTablets.call('prepare', { i, events: nextEvents(pouchStates[i]!, library, n) }),
          sync: async (i) => {
            const r = await pouchTablets.call<{ written: number; ms: number; requests: number }>('push', {
              i,
              url: pouchUrl(setups[i]!.schoolId),
            });
            if (r.written !== n) throw new Error(`wrote ${r.written} of ${n}`);
            return { ms: r.ms, requests: r.requests, busy: 0 };
          },
        },
      ],
      all,
      { waves },
    );
    lawhPhase!.events = total;
    pouchPhase!.events = total;
    log(
      `${name}: Lawh ${fmt(total / lawhPhase!.seconds)} events/s, PouchDB ${fmt(total / pouchPhase!.seconds)} events/s; Lawh tablets pulled ${fmt(pulled.changes)} changes, ${fmt(pulled.superseded)} of them superseded within the same pull`,
    );
    if (waves)
      log(
        `${name}, each wave's window (s), ${Number.isFinite(TURN_WAVES) ? `${TURN_WAVES} wave(s)` : 'the whole scenario'} a turn: Lawh ${lawhPhase!.waveSeconds.map((x) => x.toFixed(2)).join(' ')}; PouchDB ${pouchPhase!.waveSeconds.map((x) => x.toFixed(1)).join(' ')}`,
      );
    results[name] = [lawhPhase!, pouchPhase!];
  }

  // (a) 200 tablets × EVENTS_A, 20 at a time. The floors use the same events, made from states
  // seeded alike, and are let go before (a) starts.
  let floor: ReturnType<typeof compressionFloor>;
  let sqlite: ReturnType<typeof sqliteFloor>;
  {
    const eventsA = setups.map((s, i) => nextEvents(tabletState(s, i, SEED), library, EVENTS_A));
    log(`workload generated: ${fmt(EVENTS_A * setups.length)} events`);
    floor = compressionFloor(eventsA.slice(0, FLOOR_SAMPLE));
    log(`compression floor done`);
    sqlite = sqliteFloor(eventsA);
    log(`floors: gzip ${fmt(floor.gzipBytesPerEvent)} B/event, SQLite ${fmt(sqlite.rowsPerS)} rows/s`);
  }
  // BENCH_PROFILE=<dir>: a CPU profile of the Lawh server during (a), for Chrome DevTools.
  if (process.env.BENCH_PROFILE) await lawh.ask({ type: 'profile-start' }, 'profiling');
  await eventsScenario('a', EVENTS_A, true);
  if (process.env.BENCH_PROFILE)
    log(
      `profile: ${(await lawh.ask<{ type: 'profiled'; file: string }>({ type: 'profile-stop' }, 'profiled')).file}`,
    );

  // (b) 50 more events on each tablet, synced again.
  await eventsScenario('b', EVENTS_B, true);

  // (d) 200 tablets arriving at once, each with EVENTS_RUSH new events; 503s are waited out.
  await eventsScenario('d', EVENTS_RUSH, false);

  // (c) A fresh tablet's first pull of one school after 2,000 pieces of content were assigned there.
  const school = lawh.ready.schools[0]!;
  const made = await lawh.ask<Extract<ServerMessage, { type: 'content-done' }>>(
    { type: 'content', schoolId: school, count: CONTENT_C },
    'content-done',
  );
  log(`${CONTENT_C} content items published and assigned in ${fmt(made.seconds)} s`);
  const fresh = new LawhTablet(made.tablet, lawhProxy.port);
  lawhAll.push(fresh);
  // The PouchDB analogue: the same rows as documents in one database, replicated to a fresh tablet.
  // A document holds the latest state of its row (a row changed twice in the log is one document).
  const freshDb = `fresh-${school.toLowerCase()}`;
  let changes: NonNullable<SyncRun['changes']> = [];
  let rows = 0;
  const [lawhC, pouchC] = await scenario(
    [
      {
        system: 'lawh',
        prepare: async () => {},
        sync: async () => {
          const r = await fresh.sync({ keepChanges: true });
          changes = r.changes ?? [];
          return r;
        },
      },
      {
        system: 'pouchdb',
        prepare: async () => {
          const docs = new Map(
            changes.map((c) => [`${c.entity}:${c.key}`, { scope: c.scope, data: c.data }]),
          );
          rows = docs.size;
          await pouchTablets.call('load', {
            url: `http://127.0.0.1:${pouch.ready.port}/${freshDb}`,
            docs: [...docs].map(([id, doc]) => ({ _id: id, ...doc })),
          });
        },
        sync: async () => {
          const r = await pouchTablets.call<{ read: number; ms: number; requests: number }>('pull', {
            url: `http://127.0.0.1:${pouchProxy.port}/${freshDb}`,
          });
          if (r.read !== rows) throw new Error(`read ${r.read} of ${rows}`);
          return { ms: r.ms, requests: r.requests, busy: 0 };
        },
      },
    ],
    [0],
    { waves: false },
  );
  const superseded = new Map<string, number>();
  const seen = new Set<string>();
  for (const c of changes) {
    const k = `${c.entity}:${c.key}`;
    if (seen.has(k)) superseded.set(c.entity, (superseded.get(c.entity) ?? 0) + 1);
    seen.add(k);
  }
  // Both moved the same rows; Lawh's log may also carry superseded versions of some of them.
  lawhC!.events = rows;
  pouchC!.events = rows;
  results.c = [lawhC!, pouchC!];
  log(
    `c: ${changes.length} changes pulled for ${rows} rows (superseded: ${[...superseded].map(([e, n]) => `${e} ${n}`).join(', ') || 'none'}); Lawh ${fmt(lawhC!.seconds)} s, PouchDB ${fmt(pouchC!.seconds)} s`,
  );

  // Verification: every generated event stored exactly once on the Lawh server.
  const v = await lawh.ask<Extract<ServerMessage, { type: 'verified' }>>({ type: 'verify' }, 'verified');
  const stored = new Map(v.pairs.map((p) => [p.deviceId, p]));
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  for (const s of states) {
    const expected = s.nextSeq - 1;
    const row = stored.get(s.setup.deviceId);
    lost += expected - Math.min(expected, row?.seqs ?? 0);
    duplicated += (row?.n ?? 0) - (row?.seqs ?? 0) + ((row?.n ?? 0) - (row?.ids ?? 0));
    unexpected += Math.max(0, (row?.maxSeq ?? 0) - expected);
  }
  const quarantined = v.quarantine.reduce((n, q) => n + Number(q.n), 0);
  const generated = states.reduce((n, s) => n + s.nextSeq - 1, 0);
  const pouchCounts = (
    await pouch.ask<{ type: 'counted'; counts: Record<string, number> }>(
      { type: 'count', dbs: [...new Set(setups.map((s) => `school-${s.schoolId.toLowerCase()}`))] },
      'counted',
    )
  ).counts;
  const pouchStored = Object.values(pouchCounts).reduce((a, b) => a + b, 0);
  for (const t of lawhAll) t.close();
  await Promise.all([lawhProxy.close(), pouchProxy.close()]);

  report(
    {
      quick,
      concurrency: CONCURRENCY,
      turnWaves: TURN_WAVES,
      eventsA: EVENTS_A,
      eventsB: EVENTS_B,
      eventsRush: EVENTS_RUSH,
      floorSample: FLOOR_SAMPLE,
      tablets: lawh.ready.tablets.length,
      loadAtStart,
      started,
    },
    results,
    {
      floor,
      sqlite,
      generated,
      lost,
      duplicated,
      unexpected,
      quarantined,
      v,
      pouchStored,
      freshChanges: changes.length,
    },
  );
}

function chunk<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
