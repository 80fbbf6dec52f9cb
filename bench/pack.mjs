#!/usr/bin/env node
// npm run bench:pack [-- --quick] [-- --mb N]: a content pack with N MB of media (default 1024, --quick
// 100) exported from one server's SQLite database and media folder and imported into a second,
// fresh one. Each step runs in its own child process, which reports its time and peak RSS
// (process.resourceUsage().maxRSS), so the figures are the work's own. Baseline: streaming a plain
// copy of the same media files. Last line is JSON.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
// size 24, 'ftyp', major brand isom, minor version 0x200, compatible brands isom and mp41.
const FTYP = Buffer.concat([
  Buffer.from([0, 0, 0, 24]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isommp41'),
]);
const FILE_MB = 50; // a video of a few minutes; under the 200 MB per-video limit
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};

const step = flag('--step');
if (step) await runStep(step, flag('--dir'), Number(flag('--mb') ?? 0));
else await orchestrate();

async function orchestrate() {
  const mb = Number(flag('--mb') ?? (args.includes('--quick') ? 100 : 1024));
  const dir = mkdtempSync(join(tmpdir(), 'lawh-bench-pack-'));
  const self = fileURLToPath(import.meta.url);
  const results = {};
  try {
    for (const name of ['generate', 'export', 'import', 'copy']) {
      const child = spawnSync(process.execPath, [self, '--step', name, '--dir', dir, '--mb', String(mb)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
      });
      if (child.status !== 0) throw new Error(`step ${name} failed (exit ${child.status}):\n${child.stdout}`);
      const r = JSON.parse(child.stdout.trim().split('\n').pop());
      results[name] = r;
      const rate = r.bytes ? ` ${(r.bytes / MB / (r.ms / 1000)).toFixed(0)} MB/s,` : '';
      console.log(
        `${name.padEnd(9)} ${(r.ms / 1000).toFixed(2)} s,${rate} peak RSS ${(r.maxRssBytes / MB).toFixed(0)} MB${r.note ? ` (${r.note})` : ''}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rate = (r) => Number((r.bytes / MB / (r.ms / 1000)).toFixed(1));
  const json = {
    bench: 'pack',
    media_mb: mb,
    pack_bytes: results.export.packBytes,
    export_s: results.export.ms / 1000,
    export_mb_s: rate(results.export),
    export_peak_rss_mb: Math.round(results.export.maxRssBytes / MB),
    import_s: results.import.ms / 1000,
    import_mb_s: rate(results.import),
    import_peak_rss_mb: Math.round(results.import.maxRssBytes / MB),
    baseline_copy_s: results.copy.ms / 1000,
    baseline_copy_mb_s: rate(results.copy),
    baseline_copy_peak_rss_mb: Math.round(results.copy.maxRssBytes / MB),
    rss_budget_mb: 200,
    within_budget: Math.max(results.export.maxRssBytes, results.import.maxRssBytes) < 200 * MB,
  };
  console.log(JSON.stringify(json));
}

/** One step in this child process; prints a JSON line with its time and peak memory. */
async function runStep(name, dir, mb) {
  // Loaded here so the plain-copy baseline pays the same start-up cost as the other steps.
  const { register } = await import('tsx/esm/api');
  register();
  const server = '../packages/server/src/';
  const { openDatabase } = await import(`${server}db/database.ts`);
  const { migrateToLatest } = await import(`${server}db/migrate.ts`);
  const { resolveMedia } = await import(`${server}features/media/media.options.ts`);
  const { packsService } = await import(`${server}features/packs/packs.service.ts`);

  const serverAt = async (name) => {
    const database = openDatabase(join(dir, name, 'lawh.db'));
    await migrateToLatest(database.db);
    const existing = await database.db.selectFrom('users').select('id').executeTakeFirst();
    const id = existing?.id ?? (await insertAdmin(database.db));
    const media = resolveMedia({ dir: join(dir, name, 'media'), ffmpeg: null });
    return { database, media, auth: { userId: id, role: 'programme_admin', schoolId: null } };
  };

  const started = performance.now();
  const out = {};
  if (name === 'generate') Object.assign(out, await generate(await serverAt('a'), mb, dir));
  if (name === 'export') {
    const a = await serverAt('a');
    const pack = await packsService(a.database.db, a.media).exportPack(a.auth, {});
    await pipeline(pack.stream, createWriteStream(join(dir, 'pack.zip')));
    await a.database.close();
    Object.assign(out, { bytes: pack.bytes, packBytes: statSync(join(dir, 'pack.zip')).size });
  }
  if (name === 'import') {
    const b = await serverAt('b');
    const summary = await packsService(b.database.db, b.media).importFile(b.auth, join(dir, 'pack.zip'));
    await b.database.close();
    out.bytes = summary.bytesVerified;
    out.note = `${summary.contentCreated} items, ${summary.mediaAdded} media added, every hash verified`;
  }
  if (name === 'copy') {
    const from = join(dir, 'a', 'media');
    let bytes = 0;
    for (const e of await readdir(from, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || e.parentPath.includes('incoming')) continue;
      const target = join(dir, 'copy', relative(from, e.parentPath));
      mkdirSync(target, { recursive: true });
      await pipeline(createReadStream(join(e.parentPath, e.name)), createWriteStream(join(target, e.name)));
      bytes += statSync(join(target, e.name)).size;
    }
    out.bytes = bytes;
  }
  out.ms = performance.now() - started;
  out.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify(out));
}

/** N MB of random "videos" (incompressible, like real ones) in server A's store, in published lessons. */
async function generate(a, mb, dir) {
  const server = '../packages/server/src/';
  const { contentService } = await import(`${server}features/content/content.service.ts`);
  const { mediaRepository } = await import(`${server}features/media/media.repository.ts`);
  const staging = join(dir, 'gen');
  mkdirSync(staging, { recursive: true });
  const hashes = [];
  let left = mb * MB;
  const chunk = Buffer.alloc(MB);
  while (left > 0) {
    const size = Math.min(left, FILE_MB * MB);
    const path = join(staging, `${hashes.length}.bin`);
    const hash = createHash('sha256');
    const file = createWriteStream(path);
    for (let done = 0; done < size; done += MB) {
      randomFillSync(chunk);
      // An MP4 'ftyp' box first, so the importer's type check sees the video the manifest says.
      if (done === 0) FTYP.copy(chunk);
      hash.update(chunk);
      if (!file.write(chunk)) await new Promise((r) => file.once('drain', r));
    }
    await new Promise((r) => file.end(r));
    const digest = hash.digest('hex');
    await a.media.storage.put(digest, createReadStream(path), size);
    rmSync(path);
    await mediaRepository.insert(
      a.database.db,
      {
        hash: digest,
        kind: 'video',
        mime: 'video/mp4',
        bytes: size,
        width: 640,
        height: 360,
        durationMs: 300_000,
        originalName: `video-${hashes.length}.mp4`,
        createdBy: a.auth.userId,
        createdAt: new Date().toISOString(),
      },
      [],
    );
    hashes.push(digest);
    left -= size;
  }
  const content = contentService(a.database.db);
  const tags = { cycle: 'primaire', level: '5AP', subject: 'mathematics', unit: 'Bench', language: 'fr' };
  for (let i = 0; i < hashes.length; i += 4) {
    const blocks = hashes.slice(i, i + 4).map((hash, j) => ({
      id: `v${j}`,
      type: 'video',
      media: { kind: 'video', hash },
    }));
    const lesson = await content.createLesson(a.auth, {
      title: `Leçon ${i / 4 + 1}`,
      tags,
      body: { blocks },
    });
    await content.publish(a.auth, lesson.id);
  }
  await a.database.close();
  return { bytes: mb * MB, note: `${hashes.length} files of up to ${FILE_MB} MB` };
}

/** The admin who authors and imports; a bare row (no password: nobody signs in here). */
async function insertAdmin(db) {
  const id = `bench-admin-${Date.now()}`;
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      role: 'programme_admin',
      schoolId: null,
      username: 'admin',
      passwordHash: null,
      nameAr: 'مدير',
      givenName: 'Admin',
      familyName: 'Bench',
      locale: 'fr',
      searchText: 'admin',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}
