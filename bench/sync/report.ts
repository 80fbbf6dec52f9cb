import { cpus, loadavg } from 'node:os';
import { SYNC_LIMITS } from '@lawh/shared';
import type { compressionFloor, sqliteFloor } from './floors';
import type { ServerMessage } from './protocol';

// The sync bench's report (index.ts runs the scenarios): a table per scenario, the floors, the
// verification, and the JSON line the bench ends with.

export interface Phase {
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

/** What the report says about the run itself. */
export interface RunInfo {
  quick: boolean;
  concurrency: number;
  /** Waves a system runs before the other takes over; Infinity: a whole scenario. */
  turnWaves: number;
  eventsA: number;
  eventsB: number;
  eventsRush: number;
  floorSample: number;
  tablets: number;
  loadAtStart: number;
  started: number;
}

export function report(
  run: RunInfo,
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
    a: `(a) ${run.quick ? '200 × 250 (quick)' : '200 × 5,000'} events, ${run.concurrency} at a time`,
    b: `(b) +${run.eventsB} events per tablet, synced again`,
    d: `(d) 200 tablets at once, +${run.eventsRush} events each`,
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
    `floors: raw JSON ${fmt(floor.rawBytesPerEvent)} B/event, gzip -9 ${fmt(floor.gzipBytesPerEvent)}, brotli -q11 ${fmt(floor.brotliBytesPerEvent)} (one batch per tablet, ${run.floorSample} tablets); SQLite direct insert ${fmt(sqlite.rowsPerS)} rows/s (${fmt(sqlite.rows)} rows, ${fmt(SYNC_LIMITS.pushMaxEvents)} per transaction)`,
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
    mode: run.quick ? 'quick' : 'full',
    cores: cpus().length,
    turn_waves: Number.isFinite(run.turnWaves) ? run.turnWaves : 'scenario',
    tablets: run.tablets,
    events_per_tablet_a: run.eventsA,
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
    load_avg_start: round(run.loadAtStart, 1),
    load_avg_end: round(loadavg()[0]!, 1),
    run_seconds: round((Date.now() - run.started) / 1000),
  };
  console.log(JSON.stringify(out));
}

export function round(n: number, digits = 0): number {
  return Number(n.toFixed(digits));
}
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { maximumFractionDigits: n < 10 ? 2 : n < 1000 ? 1 : 0 });
}
