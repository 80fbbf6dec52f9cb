#!/usr/bin/env node
// First-load JavaScript of the web app: the scripts index.html loads (and their static imports),
// gzip-compressed, against the 150 KB budget. Run after `npm run build`. Last line is JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// `--dist DIR` measures another build (bench/tablet builds into a temp folder).
const distArg = process.argv.indexOf('--dist');
const dist =
  distArg === -1 ? new URL('../packages/web/dist/', import.meta.url).pathname : process.argv[distArg + 1];
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [
  ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g),
].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
let raw = 0;
let gz = 0;
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file));
  raw += code.length;
  gz += gzipSync(code, { level: 9 }).length;
  // Static imports between chunks are part of the first load; dynamic import() is not.
  for (const m of code
    .toString()
    .matchAll(/(?:^|[;\s])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(join('assets', m[1]));
  }
}
const result = {
  first_load_js_files: seen.size,
  first_load_js_bytes: raw,
  first_load_js_gzip_bytes: gz,
  budget_gzip_bytes: 150 * 1024,
};
console.log(
  `first-load JS: ${seen.size} file(s), ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip (budget 150 KB)`,
);
console.log(JSON.stringify(result));
