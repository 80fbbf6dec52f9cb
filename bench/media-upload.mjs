#!/usr/bin/env node
// npm run bench:media [-- --quick] [-- --mb N]: upload-and-hash throughput of the real upload path
// (HTTP multipart on 127.0.0.1 → staging with SHA-256 → type check → store → database row) against
// a baseline of crypto.createHash('sha256') over the same files read from disk, in the same run.
// Files are WAV audio of random samples (19 MB each, under the 20 MB audio limit; random so that no
// two are the same). Default 400 MB, --quick 100 MB. Last line is JSON.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { register } from 'tsx/esm/api';

register();
const server = '../packages/server/src/';
const { buildApp } = await import(`${server}app.ts`);
const { openDatabase } = await import(`${server}db/database.ts`);
const { migrateToLatest } = await import(`${server}db/migrate.ts`);
const { insertUser, TEST_PASSWORD } = await import('../packages/server/test/helpers.ts');

const MB = 1024 * 1024;
const FILE_BYTES = 19 * MB;
const args = process.argv.slice(2);
const i = args.indexOf('--mb');
const totalMb = i >= 0 ? Number(args[i + 1]) : args.includes('--quick') ? 100 : 400;

const dir = mkdtempSync(join(tmpdir(), 'lawh-bench-media-'));
try {
  // --- the files ------------------------------------------------------------------------------
  const files = [];
  for (let left = totalMb * MB; left > 0; left -= FILE_BYTES) {
    const size = Math.min(left, FILE_BYTES);
    const path = join(dir, `clip-${files.length}.wav`);
    await writeWav(path, size);
    files.push(path);
  }
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

  // --- baseline: SHA-256 of the same bytes, read from the same files ----------------------------
  let t = performance.now();
  for (const f of files) {
    const hash = createHash('sha256');
    await pipeline(createReadStream(f), hash);
    hash.digest('hex');
  }
  const hashMs = performance.now() - t;

  // --- the real upload path ---------------------------------------------------------------------
  const database = openDatabase(join(dir, 'lawh.db'));
  await migrateToLatest(database.db);
  const app = await buildApp({ database, media: { dir: join(dir, 'media'), ffmpeg: null } });
  await insertUser(database.db, 'programme_admin', null, { username: 'admin' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  const session = await signIn(port);
  t = performance.now();
  for (const f of files) {
    const res = await uploadFile(port, session, f);
    if (res.status !== 201) throw new Error(`upload of ${f}: ${res.status} ${res.body}`);
  }
  const uploadMs = performance.now() - t;
  await app.close();
  await database.close();

  const rate = (ms) => Number((bytes / MB / (ms / 1000)).toFixed(1));
  const result = {
    bench: 'media-upload',
    files: files.length,
    mb: Number((bytes / MB).toFixed(1)),
    upload_s: Number((uploadMs / 1000).toFixed(2)),
    upload_mb_s: rate(uploadMs),
    baseline_sha256_mb_s: rate(hashMs),
    upload_vs_baseline: Number((hashMs / uploadMs).toFixed(2)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(
    `upload ${result.files} files, ${result.mb} MB: ${result.upload_mb_s} MB/s (${result.upload_s} s); ` +
      `sha256 of the same bytes: ${result.baseline_sha256_mb_s} MB/s; upload is ${result.upload_vs_baseline}× of the baseline; ` +
      `peak RSS of this process (server and client) ${result.peak_rss_mb} MB`,
  );
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** 16-bit mono PCM at 48 kHz with random samples, `size` bytes in all. */
async function writeWav(path, size) {
  const data = size - 44;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(48000, 24);
  header.writeUInt32LE(96000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data, 40);
  const out = createWriteStream(path);
  out.write(header);
  const chunk = Buffer.alloc(MB);
  for (let done = 0; done < data; done += MB) {
    randomFillSync(chunk);
    const part = done + MB > data ? chunk.subarray(0, data - done) : chunk;
    if (!out.write(Buffer.from(part))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

function send(port, opts, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, ...opts }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

async function signIn(port) {
  const login = await send(
    port,
    { method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' } },
    JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  );
  const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const me = await send(port, { method: 'GET', path: '/api/v1/auth/me', headers: { cookie } });
  return { cookie, csrf: JSON.parse(me.body).csrfToken };
}

/** A multipart/form-data POST whose file part is streamed from disk, as a browser sends it. */
function uploadFile(port, session, path) {
  const boundary = `----lawhbench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(path).size + tail.length;
  return send(
    port,
    {
      method: 'POST',
      path: '/api/v1/media',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': length,
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
      },
    },
    (req) => {
      req.write(head);
      const file = createReadStream(path);
      file.pipe(req, { end: false });
      file.on('end', () => req.end(tail));
    },
  );
}
