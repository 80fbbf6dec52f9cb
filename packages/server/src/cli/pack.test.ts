import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as yauzl from 'yauzl';
import { authorLibrary, exportPack, type Server, server } from '../features/packs/packs.fixtures';
import { main } from './index';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/lawh.mjs');

// `lawh pack` on the embedded SQLite database in a throwaway DATA_DIR; the pack comes from a test server.
describe('lawh pack', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  let central: Server;
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    LAWH_ADMIN_PASSWORD: process.env.LAWH_ADMIN_PASSWORD,
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lawh-pack-cli-'));
    central = await server();
    process.env.DATA_DIR = join(dir, 'data');
    delete process.env.DATABASE_URL;
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a pack with progress and a summary, idempotently, and exports it again', async () => {
    await authorLibrary(central);
    const pack = join(dir, 'pack.zip');
    writeFileSync(pack, await exportPack(central.admin));

    // A fresh hub knows no author of the pack and has no admin to stand for them yet.
    expect(await main(['pack', 'import', pack])).toBe(1);
    expect(err.join('\n')).toMatch(/create one first/);
    process.env.LAWH_ADMIN_PASSWORD = 'a long enough password';
    expect(await main(['create-admin', 'boss'])).toBe(0);

    out = [];
    expect(await main(['pack', 'import', pack])).toBe(0);
    expect(out.join('\n')).toMatch(/Verifying media: .* MB of .* MB/);
    expect(out).toContain('  content  2 created, 0 updated, 0 unchanged (3 versions added)');
    expect(out).toContain('  media    2 added, 0 already present');
    out = [];
    expect(await main(['pack', 'import', pack])).toBe(0);
    expect(out).toContain('  media    0 added, 2 already present');

    const again = join(dir, 'again.zip');
    expect(await main(['pack', 'export', '--out', again, '--unit', 'Fractions', '--language', 'fr'])).toBe(0);
    const zip = await yauzl.fromBufferPromise(readFileSync(again), { lazyEntries: true });
    expect(zip.entryCount).toBeGreaterThan(3);
    expect(await main(['pack', 'export', '--out', again, '--language', 'de'])).toBe(2);
    expect(err.at(-1)).toMatch(/--language/);
  });

  it('exits non-zero with a clear message on a damaged pack (the real bin)', async () => {
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
    const failed = await run('node', [BIN, 'pack', 'import', bad], { env: { ...process.env } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/lawh pack import: Not a complete zip file/);
  }, 30_000);
});
