import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNC_LIMITS } from '@lawh/shared';
import { compressionFloor, sqliteFloor } from './floors';
import { LawhTablet, type SyncRun } from './lawh-tablet';
import { cpuSeconds, peakRss, percentile, pool, resetPeak, startProxy } from './meters';
import type { ServerMessage } from './protocol';
import { startLawh, startPouch, startPouchTablets } from './systems';
import { nextEvents, type TabletState, tabletState } from './workload';

// npm run bench:sync [-- --quick]: Lawh's sync against PouchDB replication on the same seeded
// workload, both servers in their own process on loopback behind a byte-counting proxy.
// See bench/README.md for the method; the last line printed is one JSON object.

const quick = process.argv.includes('--quick');
const SEED = 4;
const CONCURRENCY = 20;
/** Waves each system runs in a turn before the other takes over (BENCH_TURN_WAVES, default 1). */
const TURN_WAVES = Math.max(1, Number(process.env.BENCH_TURN_WAVES ?? 1));
const EVENTS_A = quick ? 250 : 5000;
const EVENTS_B = 50;
const EVENTS_RUSH = 100;
const CONTENT_C = 2000;
/** Tablets whose events make the compression floor (brotli at quality 11 is slow on 200 tablets). */
const FLOOR_SAMPLE = quick ? 20 : 5;

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

interface Phase {
  system: 'lawh' | 'pouchdb';
  events: number;
  /** Sum of the timed windows (all tablets of a wave syncing); local preparation excluded. */
  seconds: number;
  /** Each wave's window, in order. */
  waveSeconds: number[];
  up: number;
  down: number;
  requests: number;
  connections: number;
  serverCpuS: number;
  serverPeakRss: number;
  clientCpuS: number;
  p95Ms: number;
  maxMs: number;
  errors: number;
  busy: number;
  /** CPU the other system's processes used during this system's windows (its deferred work). */
  othersCpuS: number;
}

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
   * turns wave by wave, so load from elsewhere on the machine falls on both alike. Each server is
   * idle while the other works, so its CPU is measured over the whole scenario.
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
        `${name}, each wave's window (s), ${TURN_WAVES} wave(s) a turn: Lawh ${lawhPhase!.waveSeconds.map((x) => x.toFixed(2)).join(' ')}; PouchDB ${pouchPhase!.waveSeconds.map((x) => x.toFixed(1)).join(' ')}`,
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

  report(results, {
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
  });
}

function report(
  results: Record<string, Phase[]>,
  x: {
    floor: ReturnType<typeof compressionFloor>;
    sqlite: ReturnType<typeof sqliteFloor>;
    generated: number;
    lost: number;
    duplicated: number;
    unexpected: number;
    quarantined: number;
    v: Extract<ServerMessage, { type: 'verified' }>;
    pouchStored: number;
    freshChanges: number;
  },
): void {
  const titles: Record<string, string> = {
    a: `(a) ${quick ? '200 × 250 (quick)' : '200 × 5,000'} events, ${CONCURRENCY} at a time`,
    b: `(b) +${EVENTS_B} events per tablet, synced again`,
    d: `(d) 200 tablets at once, +${EVENTS_RUSH} events each`,
    c: `(c) fresh tablet, first pull of one school (rows)`,
  };
  console.log('');
  for (const key of ['a', 'b', 'd', 'c']) {
    const phases = results[key];
    if (!phases) continue;
    console.log(titles[key]);
    const row = (label: string, f: (p: Phase) => string) =>
      console.log(`  ${label.padEnd(30)}${phases.map((p) => f(p).padStart(14)).join('')}`);
    row('', (p) => p.system);
    row(key === 'c' ? 'rows' : 'events', (p) => fmt(p.events));
    row(key === 'c' ? 'rows/s' : 'events/s', (p) => fmt(p.events / p.seconds));
    row('seconds (sync windows)', (p) => fmt(p.seconds));
    row('wire bytes up / item', (p) => fmt(p.up / p.events));
    row('wire bytes down / item', (p) => fmt(p.down / p.events));
    row('wire MB up + down', (p) => fmt((p.up + p.down) / 1e6));
    row('requests', (p) => fmt(p.requests));
    row('new connections', (p) => fmt(p.connections));
    row('server CPU s / 1,000 items', (p) => fmt((p.serverCpuS / p.events) * 1000));
    row('peak server RSS MB', (p) => fmt(p.serverPeakRss / 1e6));
    row('events/s one server core allows', (p) => fmt(p.events / p.serverCpuS));
    row('client CPU s (tablets, proxy)', (p) => fmt(p.clientCpuS));
    row("other system's CPU s meanwhile", (p) => fmt(p.othersCpuS));
    row('p95 sync per tablet s', (p) => fmt(p.p95Ms / 1000));
    row('max sync per tablet s', (p) => fmt(p.maxMs / 1000));
    row('503 answers waited out', (p) => fmt(p.busy));
    row('tablets failed', (p) => fmt(p.errors));
    console.log('');
  }
  const { floor, sqlite } = x;
  console.log(
    `floors: raw JSON ${fmt(floor.rawBytesPerEvent)} B/event, gzip -9 ${fmt(floor.gzipBytesPerEvent)}, brotli -q11 ${fmt(floor.brotliBytesPerEvent)} (one batch per tablet, ${FLOOR_SAMPLE} tablets); SQLite direct insert ${fmt(sqlite.rowsPerS)} rows/s (${fmt(sqlite.rows)} rows, ${fmt(SYNC_LIMITS.pushMaxEvents)} per transaction)`,
  );
  console.log(
    `verification: ${fmt(x.generated)} events generated; Lawh lost ${x.lost}, duplicated ${x.duplicated}, beyond generated ${x.unexpected}, quarantined ${x.quarantined}${x.v.quarantine.length ? ` (${x.v.quarantine.map((q) => `${q.reason}: ${q.n}`).join(', ')})` : ''}; PouchDB holds ${fmt(x.pouchStored)} documents`,
  );
  const [la, pa] = results.a!;
  const rush = results.d!;
  const [lc, pc] = results.c!;
  const [lb, pb] = results.b!;
  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  const out = {
    mode: quick ? 'quick' : 'full',
    cores: cpus().length,
    tablets: lawh.ready.tablets.length,
    events_per_tablet_a: EVENTS_A,
    lawh_events_per_s: round(la!.events / la!.seconds),
    pouchdb_events_per_s: round(pa!.events / pa!.seconds),
    speedup: ratio(la!.events / la!.seconds, pa!.events / pa!.seconds),
    lawh_bytes_up_per_event: round(la!.up / la!.events, 1),
    pouchdb_bytes_up_per_event: round(pa!.up / pa!.events, 1),
    lawh_bytes_down_per_event: round(la!.down / la!.events, 1),
    pouchdb_bytes_down_per_event: round(pa!.down / pa!.events, 1),
    lawh_requests_a: la!.requests,
    pouchdb_requests_a: pa!.requests,
    lawh_server_cpu_s_per_1000: round((la!.serverCpuS / la!.events) * 1000, 3),
    pouchdb_server_cpu_s_per_1000: round((pa!.serverCpuS / pa!.events) * 1000, 3),
    lawh_peak_rss_mb: round(Math.max(...Object.values(results).map((r) => r[0]!.serverPeakRss)) / 1e6),
    pouchdb_peak_rss_mb: round(Math.max(...Object.values(results).map((r) => r[1]!.serverPeakRss)) / 1e6),
    lawh_p95_sync_s: round(la!.p95Ms / 1000, 2),
    pouchdb_p95_sync_s: round(pa!.p95Ms / 1000, 2),
    lawh_b_events_per_s: round(lb!.events / lb!.seconds),
    pouchdb_b_events_per_s: round(pb!.events / pb!.seconds),
    lawh_b_p95_sync_s: round(lb!.p95Ms / 1000, 2),
    pouchdb_b_p95_sync_s: round(pb!.p95Ms / 1000, 2),
    fresh_pull_rows: lc!.events,
    lawh_fresh_pull_s: round(lc!.seconds, 2),
    pouchdb_fresh_pull_s: round(pc!.seconds, 2),
    lawh_fresh_pull_bytes_down: lc!.down,
    pouchdb_fresh_pull_bytes_down: pc!.down,
    gzip_floor_bytes_per_event: round(floor.gzipBytesPerEvent, 1),
    brotli_floor_bytes_per_event: round(floor.brotliBytesPerEvent, 1),
    raw_json_bytes_per_event: round(floor.rawBytesPerEvent, 1),
    lawh_up_vs_gzip_floor: ratio(la!.up / la!.events, floor.gzipBytesPerEvent),
    sqlite_floor_rows_per_s: round(sqlite.rowsPerS),
    lost: x.lost,
    duplicated: x.duplicated,
    quarantined: x.quarantined,
    rush_errors: rush[0]!.errors,
    rush_busy_answers: rush[0]!.busy,
    rush_max_wait_s: round(rush[0]!.maxMs / 1000, 1),
    rush_p95_wait_s: round(rush[0]!.p95Ms / 1000, 1),
    pouchdb_rush_errors: rush[1]!.errors,
    pouchdb_rush_max_wait_s: round(rush[1]!.maxMs / 1000, 1),
    lawh_fresh_pull_changes: x.freshChanges,
    lawh_server_bound_events_per_s: round(1 / (la!.serverCpuS / la!.events)),
    // CPU seconds the other system's processes used during (a)'s windows of this one.
    lawh_a_others_cpu_s: round(la!.othersCpuS, 1),
    pouchdb_a_others_cpu_s: round(pa!.othersCpuS, 1),
    pouchdb_server_bound_events_per_s: round(1 / (pa!.serverCpuS / pa!.events)),
    load_avg_start: round(loadAtStart, 1),
    load_avg_end: round(loadavg()[0]!, 1),
    run_seconds: round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(out));
}

function chunk<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
function round(n: number, digits = 0): number {
  return Number(n.toFixed(digits));
}
function fmt(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { maximumFractionDigits: n < 10 ? 2 : n < 1000 ? 1 : 0 });
}
