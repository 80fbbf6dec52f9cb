// Where a push spends its time, without HTTP: `node --import tsx bench/sync/push-probe.ts [events]`.
// Seeds a temp database like lawh-server.ts, then calls pushService.push for 200 tablets with the
// bench workload and prints the time per SQL statement shape, zod validation, and the rest.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { pushRequest, SYNC_LIMITS } from '@lawh/shared';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { configureSqlite, type Database } from '../../packages/server/src/db/database';
import { migrateToLatest } from '../../packages/server/src/db/migrate';
import type { DB } from '../../packages/server/src/db/schema';
import { seedDemoIfEmpty } from '../../packages/server/src/db/seeds/demo';
import { safeParseFast } from '../../packages/server/src/features/sync/fast-check';
import { pullService } from '../../packages/server/src/features/sync/pull.service';
import { pushService } from '../../packages/server/src/features/sync/push.service';
import { SYNC_CONFIG } from '../../packages/server/src/features/sync/sync.config';
import { syncRepository } from '../../packages/server/src/features/sync/sync.repository';
import { nextEvents, tabletState } from './workload';

const perTablet = Number(process.argv[2] ?? 250);
const dir = mkdtempSync(join(tmpdir(), 'lawh-push-probe-'));
const sqlite = new SQLite(join(dir, 'probe.db'));
configureSqlite(sqlite); // as openDatabase does
// PROBE_PRAGMAS='a=1;b=2': settings to try on top.
for (const p of (process.env.PROBE_PRAGMAS ?? '').split(';').filter(Boolean)) sqlite.pragma(p);
const byShape = new Map<string, { n: number; ms: number }>();
let logging = false;
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: sqlite }),
  plugins: [new CamelCasePlugin()],
  log(e) {
    if (!logging) return;
    const shape = e.query.sql
      .replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)')
      .replace(/\s+/g, ' ')
      .slice(0, 90);
    const s = byShape.get(shape) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += e.queryDurationMillis;
    byShape.set(shape, s);
  },
});
const database = {
  db,
  dialect: 'sqlite',
  sqlitePath: null,
  writeLock: null,
  close: () => db.destroy(),
} as Database;
await migrateToLatest(db);
await seedDemoIfEmpty(db);
const devices = await db
  .selectFrom('devices')
  .select(['id', 'schoolId', 'learnerId'])
  .where('schoolId', 'is not', null)
  .orderBy('serialNumber')
  .execute();
const content = Array.from({ length: 12 }, (_, i) => ({
  id: `c${i}`,
  kind: i % 2 ? ('quiz' as const) : ('lesson' as const),
  version: 1,
}));
const push = pushService(database);
// Pulls, as the bench's tablets make them: a first pull (roster and progress) before the pushes,
// one after them (the progress rows the pushes logged), then one with nothing new and one after
// the refresh delay. Besides the service, the answer's JSON and brotli (as the route sends it).
const pull = pullService(database);
const cursors = new Map<string, Record<string, number>>();
async function pullRound(label: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  let encodeMs = 0;
  for (const d of devices) {
    const auth = { deviceId: d.id, credentialId: '', schoolId: d.schoolId, learnerId: d.learnerId };
    let cursor = cursors.get(d.id) ?? {};
    for (;;) {
      const page = await pull.pull(auth, cursor);
      const e0 = performance.now();
      brotliCompressSync(JSON.stringify(page), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
      encodeMs += performance.now() - e0;
      rows += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    cursors.set(d.id, cursor);
  }
  const c = process.cpuUsage(cpu0);
  const per = (x: number) => (x / devices.length).toFixed(2);
  console.log(
    `  ${label}: ${per(performance.now() - t0)} ms per tablet (${per((c.user + c.system) / 1000)} ms CPU; JSON and brotli ${per(encodeMs)} ms), ${rows} rows`,
  );
}
// Time each repository step of a push (the object is shared with push.service.ts).
const steps = new Map<string, number>();
const repo = syncRepository as unknown as Record<string, unknown>;
for (const [name, fn] of Object.entries(repo)) {
  if (typeof fn !== 'function' || name === 'chunks') continue;
  repo[name] = async (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      if (logging) steps.set(name, (steps.get(name) ?? 0) + performance.now() - t0);
    }
  };
}
let zodMs = 0;
let totalMs = 0;
let events = 0;
let pushes = 0;
let cpuUs = 0;
await pullRound('first pull');
// From a checkpointed WAL, so that each configuration starts alike.
sqlite.pragma('wal_checkpoint(TRUNCATE)');
logging = true;
// PROBE_PROFILE=<file>: a CPU profile of the pushes alone.
const profiler = process.env.PROBE_PROFILE ? new Session() : null;
const post = (method: string) =>
  new Promise<unknown>((ok, fail) => profiler?.post(method, (e, r) => (e ? fail(e) : ok(r))));
if (profiler) {
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
for (const [i, d] of devices.entries()) {
  const actors = d.learnerId
    ? [d.learnerId]
    : (
        await db
          .selectFrom('enrolments')
          .innerJoin('classes', 'classes.id', 'enrolments.classId')
          .select('enrolments.userId')
          .distinct()
          .where('classes.schoolId', '=', d.schoolId)
          .where('enrolments.role', '=', 'learner')
          .execute()
      ).map((r) => r.userId);
  const s = tabletState({ deviceId: d.id, schoolId: d.schoolId!, token: '', actors }, i, 4);
  const all = nextEvents(s, content, perTablet);
  // In batches as a tablet sends them (at most pushMaxEvents each).
  for (let at = 0; at < all.length; at += SYNC_LIMITS.pushMaxEvents) {
    const batch = all.slice(at, at + SYNC_LIMITS.pushMaxEvents);
    const body = JSON.parse(
      JSON.stringify({
        events: batch,
        status: { appVersion: '0.1.0', freeStorageBytes: 1, usedStorageBytes: 1, outboxCount: 0 },
      }),
    );
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // As the route checks it (sync.routes.ts).
    const parsed = safeParseFast(pushRequest, body);
    if (!parsed.success) throw new Error('invalid push');
    const t1 = performance.now();
    await push.push(
      { deviceId: d.id, credentialId: '', schoolId: d.schoolId, learnerId: d.learnerId },
      parsed.data,
    );
    const t2 = performance.now();
    const c = process.cpuUsage(cpu0);
    cpuUs += c.user + c.system;
    zodMs += t1 - t0;
    totalMs += t2 - t0;
    events += batch.length;
    pushes++;
  }
}
logging = false;
if (profiler) {
  const { profile } = (await post('Profiler.stop')) as { profile: object };
  writeFileSync(process.env.PROBE_PROFILE as string, JSON.stringify(profile));
  profiler.disconnect();
}
const sqlMs = [...byShape.values()].reduce((a, s) => a + s.ms, 0);
console.log(
  `${events} events in ${pushes} pushes: ${(totalMs / 1000).toFixed(2)} s, ${((totalMs / events) * 1000).toFixed(0)} µs/event wall, ${(cpuUs / events).toFixed(1)} µs/event CPU`,
);
console.log(`  envelope check          ${(zodMs / 1000).toFixed(2)} s`);
console.log(`  SQL (driver time)       ${(sqlMs / 1000).toFixed(2)} s`);
console.log(`  rest (JS in services)   ${((totalMs - zodMs - sqlMs) / 1000).toFixed(2)} s`);
const stepMs = [...steps.values()].reduce((a, b) => a + b, 0);
console.log('  by step, µs per event (wall, SQL and query building included):');
for (const [name, ms] of [...steps].sort((a, b) => b[1] - a[1]))
  console.log(`    ${name.padEnd(18)} ${((ms / events) * 1000).toFixed(1).padStart(6)}`);
console.log(`    ${'envelope check'.padEnd(18)} ${((zodMs / events) * 1000).toFixed(1).padStart(6)}`);
console.log(
  `    ${'the rest'.padEnd(18)} ${(((totalMs - zodMs - stepMs) / events) * 1000).toFixed(1).padStart(6)}  (checks, change log writes for progress, commit)`,
);
console.log('  SQL statements by time:');
for (const [shape, s] of [...byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
  console.log(`  ${(s.ms / 1000).toFixed(2).padStart(6)} s ${String(s.n).padStart(6)}×  ${shape}`);
await pullRound('pull after the pushes');
await pullRound('pull again (nothing new)');
// As a pull more than refreshMs after the last projection of each scope.
const refreshS = SYNC_CONFIG.refreshMs / 1000;
SYNC_CONFIG.refreshMs = 0;
await pullRound(`pull again after the ${refreshS} s refresh`);
await db.destroy();
rmSync(dir, { recursive: true, force: true });
