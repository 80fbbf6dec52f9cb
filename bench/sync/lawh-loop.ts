// Lawh's side of scenarios (a) and (b) alone, for working on the server between full bench runs:
// `node --import tsx bench/sync/lawh-loop.ts [events per tablet, default 250] [gap ms between waves]`.
// Same server process, tablets, workload and waves of 20 as index.ts, no proxy and no PouchDB, so
// its figures are not the bench's: compare them only with each other. BENCH_PROFILE=<dir> writes a
// CPU profile of the server's request thread during (a); BENCH_CPU_PROF=<dir> one of every thread
// of the server, from start to stop; LOOP_PUSH_ONLY=1 leaves out the pull after each push;
// LOOP_THREADS=1 lists the CPU of the server's busiest threads.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LawhTablet } from './lawh-tablet';
import { percentile, pool, procStat } from './meters';
import { startLawh } from './systems';
import { nextEvents, tabletState } from './workload';

/** CPU seconds of each thread of the server (main thread: the event loop; the push worker; zlib, GC). */
const threadCpu = (pid: number) =>
  new Map(
    readdirSync(`/proc/${pid}/task`).map((tid) => {
      const { user, system } = procStat(pid, Number(tid));
      return [tid, user + system] as const;
    }),
  );

const perTablet = Number(process.argv[2] ?? 250);
const gapMs = Number(process.argv[3] ?? 0);
const tmp = mkdtempSync(join(tmpdir(), 'lawh-loop-'));
const lawh = await startLawh(join(tmp, 'lawh'));
try {
  const { tablets: setups, library, port } = lawh.ready;
  const tablets = setups.map((s) => new LawhTablet(s, port));
  await pool(tablets, 20, async (t) => void (await t.sync()));
  const states = setups.map((s, i) => tabletState(s, i, 4));
  for (const [name, n] of [
    ['a', perTablet],
    ['b', 50],
  ] as const) {
    const events = states.map((s) => nextEvents(s, library, n));
    if (name === 'a' && process.env.BENCH_PROFILE) await lawh.ask({ type: 'profile-start' }, 'profiling');
    const stat0 = procStat(lawh.pid);
    const windows: string[] = [];
    const threads0 = threadCpu(lawh.pid);
    const client0 = process.cpuUsage();
    let seconds = 0;
    let rows = 0;
    const times: number[] = [];
    for (let w = 0; w < tablets.length; w += 20) {
      const wave = tablets.slice(w, w + 20).map((t, k) => ({ t, events: events[w + k]! }));
      for (const { t, events: e } of wave) t.outbox.push(...e);
      const t0 = performance.now();
      await Promise.all(
        wave.map(async ({ t }) => {
          const r = await t.sync({ pushOnly: process.env.LOOP_PUSH_ONLY === '1' });
          if (r.pushed !== n) throw new Error(`pushed ${r.pushed} of ${n}`);
          rows += r.rows;
          times.push(r.ms);
        }),
      );
      const taken = (performance.now() - t0) / 1000;
      seconds += taken;
      windows.push(taken.toFixed(2));
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
    const stat1 = procStat(lawh.pid);
    const cpu = stat1.user + stat1.system - stat0.user - stat0.system;
    const faulted = stat1.faults - stat0.faults;
    const threads = [...threadCpu(lawh.pid)].map(([tid, t]) => [tid, t - (threads0.get(tid) ?? 0)] as const);
    const main = threads.find(([tid]) => tid === String(lawh.pid))?.[1] ?? 0;
    // The push worker, when there is one, is the busiest thread after the main one.
    const other = Math.max(0, ...threads.filter(([tid]) => tid !== String(lawh.pid)).map(([, t]) => t));
    const client = process.cpuUsage(client0);
    console.log(
      `  each wave's window (s): ${windows.join(' ')}; server user ${(stat1.user - stat0.user).toFixed(1)} s, system ${(stat1.system - stat0.system).toFixed(1)} s; tablets user ${(client.user / 1e6).toFixed(1)} s, system ${(client.system / 1e6).toFixed(1)} s`,
    );
    if (process.env.LOOP_THREADS === '1')
      for (const [tid, t] of threads.sort((x, y) => y[1] - x[1]).slice(0, 12))
        console.log(`  thread ${tid}: ${((t / (n * tablets.length)) * 1e6).toFixed(2)} µs CPU/event`);
    const total = n * tablets.length;
    console.log(
      `(${name}) ${total} events: ${Math.round(total / seconds)} events/s, server ${((cpu / total) * 1e6).toFixed(0)} µs CPU/event (main thread ${((main / total) * 1e6).toFixed(0)}, busy ${Math.round((main / seconds) * 100)} %; busiest other thread ${((other / total) * 1e6).toFixed(0)}, busy ${Math.round((other / seconds) * 100)} %), tablets ${((client.user + client.system) / total).toFixed(0)} µs CPU/event, ${((faulted / total) * 1000).toFixed(0)} page faults/1000 events, p95 ${percentile(times, 95)} ms, ${rows} rows pulled`,
    );
    if (name === 'a' && process.env.BENCH_PROFILE)
      console.log(
        (await lawh.ask<{ type: 'profiled'; file: string }>({ type: 'profile-stop' }, 'profiled')).file,
      );
  }
  for (const t of tablets) t.close();
} finally {
  await lawh.stop();
  rmSync(tmp, { recursive: true, force: true });
}
