#!/usr/bin/env node
// `npm test`: the whole suite. Unit and API tests on SQLite; the API tests again on PostgreSQL when
// a server is at hand (TEST_DATABASE_URL, or a throwaway cluster started here from the PostgreSQL 15
// binaries); browser tests when Chromium is installed. Ends with "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-output');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
let exitCode = 0;

// The unit and API files wait on PostgreSQL, argon2 and timers more than on the CPU: four files at a
// time take 123 s on PostgreSQL against 291 s with vitest's default of one per core (2 cores), and
// 92 s against about 125 s on SQLite. Browser files run one at a time (vitest.config.ts).
const FILES_AT_ONCE = ['--maxWorkers=4'];

function vitest(name, projects, env = {}, extra = []) {
  console.log(`\n=== ${name} ===`);
  const file = join(out, `${name.replace(/\W+/g, '-')}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + j.numTodoTests;
    if (j.numTotalTestSuites > 0 && j.numTotalTests === 0) notes.push(`${name}: no tests ran`);
  } else {
    totals.failed += 1;
    notes.push(`${name}: vitest produced no report`);
  }
  if (r.status !== 0) {
    exitCode = 1;
    notes.push(`${name}: vitest exited with ${r.status}`);
  }
}

vitest('unit and api on SQLite', ['unit', 'api'], {}, FILES_AT_ONCE);

const PG_BIN = '/usr/lib/postgresql/15/bin/initdb';
let pgDir = null;
let pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl && existsSync(PG_BIN)) {
  pgDir = mkdtempSync(join(tmpdir(), 'lawh-pg-'));
  const port = String(54000 + Math.floor(Math.random() * 1000));
  const r = spawnSync('bash', [join(root, 'scripts/pg-throwaway.sh'), 'start', pgDir, port], {
    encoding: 'utf8',
  });
  if (r.status === 0) pgUrl = r.stdout.trim();
  else {
    console.error(r.stderr);
    notes.push('PostgreSQL: the throwaway cluster did not start');
    exitCode = 1;
  }
}
if (pgUrl) {
  try {
    vitest(
      'api on PostgreSQL',
      ['api'],
      { LAWH_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
      FILES_AT_ONCE,
    );
  } finally {
    if (pgDir)
      spawnSync('bash', [join(root, 'scripts/pg-throwaway.sh'), 'stop', pgDir], { stdio: 'inherit' });
  }
} else if (!pgDir) {
  notes.push('PostgreSQL part SKIPPED: no PostgreSQL 15 binaries and no TEST_DATABASE_URL');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  console.log('\n=== building the web app for browser tests ===');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    exitCode = 1;
    notes.push('web build failed; browser tests not run');
  } else vitest('browser (Chromium)', ['e2e'], { CHROMIUM_PATH: chromium });
} else {
  notes.push(`Browser part SKIPPED: no Chromium at ${chromium} (apt-get install -y chromium)`);
}

console.log('');
for (const n of notes) console.log(`note: ${n}`);
if (totals.failed > 0) exitCode = 1;
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(exitCode);
