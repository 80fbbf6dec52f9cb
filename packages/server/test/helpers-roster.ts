import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The OneRoster 1.1 sample roster (generated people): 2 schools and a district, a school year with
 * two terms, 3 courses, 3 classes, 2 teachers, 1 school administrator, 10 learners, 19 enrolments.
 */
export const ONEROSTER_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'oneroster');

/** The fixture's files as text (a BOM, if any, stays at the start). */
export function fixtureFiles(dir = ONEROSTER_FIXTURE): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.csv'))
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );
}

/** A zip of the given files, as an upload would carry it. */
export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([n, v]) => [n, typeof v === 'string' ? strToU8(v) : v])),
  );
}

/** A zip of every file in a folder (browser tests upload the fixture this way). */
export function zipDirectory(dir = ONEROSTER_FIXTURE): Uint8Array {
  return zipSync(
    Object.fromEntries(readdirSync(dir).map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))])),
  );
}

export function unzipText(zip: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(zip)).map(([n, bytes]) => [n, new TextDecoder().decode(bytes)]),
  );
}

/** A multipart/form-data body with one file field, built by hand (no form-data package needed). */
export function multipart(
  bytes: Uint8Array,
  { field = 'file', filename = 'roster.zip', type = 'application/zip' } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lawh${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a roster zip as the web page does, through a signed-in client (helpers.ts signIn). */
export const uploadRoster = (
  client: { request(opts: InjectOptions): Promise<LightMyRequestResponse> },
  zip: Uint8Array,
  query = '',
) => client.request({ method: 'POST', url: `/api/v1/roster/import${query}`, ...multipart(zip) });
