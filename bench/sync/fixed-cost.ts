// The fixed cost of a sync: `node --import tsx bench/sync/fixed-cost.ts`. One shared tablet and one
// handed-over tablet of the bench's server (lawh-server.ts) each sync 300 times with nothing to
// send or fetch (a push of 0 events, a pull of nothing); prints the server's CPU per sync. This is
// what every tablet's 2-minute sync costs when nothing happened, and what (b) and (d) pay per tablet.
// BENCH_PROFILE=<dir> writes a CPU profile of the server for each tablet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LawhTablet } from './lawh-tablet';
import { cpuSeconds } from './meters';
import { startLawh } from './systems';

const tmp = mkdtempSync(join(tmpdir(), 'lawh-fixed-'));
const lawh = await startLawh(join(tmp, 'lawh'));
try {
  const { tablets: setups, port } = lawh.ready;
  const shared = setups.find((s) => s.actors.length > 1);
  const handed = setups.find((s) => s.actors.length === 1);
  if (!shared || !handed) throw new Error('the bench seeds both kinds of tablet');
  for (const [name, s] of [
    ['shared', shared],
    ['handed', handed],
  ] as const) {
    const t = new LawhTablet(s, port);
    await t.sync();
    if (process.env.BENCH_PROFILE) await lawh.ask({ type: 'profile-start' }, 'profiling');
    for (let r = 0; r < 3; r++) {
      const c0 = cpuSeconds(lawh.pid);
      const t0 = performance.now();
      for (let i = 0; i < 300; i++) await t.sync();
      const cpu = cpuSeconds(lawh.pid) - c0;
      console.log(
        `${name} (${s.actors.length} actors): empty sync ${((cpu / 300) * 1000).toFixed(2)} ms server CPU, ${((performance.now() - t0) / 300).toFixed(2)} ms wall`,
      );
    }
    if (process.env.BENCH_PROFILE)
      console.log(
        (await lawh.ask<{ type: 'profiled'; file: string }>({ type: 'profile-stop' }, 'profiled')).file,
      );
    t.close();
  }
} finally {
  await lawh.stop();
  rmSync(tmp, { recursive: true, force: true });
}
