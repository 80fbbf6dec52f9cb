import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Settings } from './s3-storage';

/** The part of s3rver (a local S3-compatible server from npm, shipped without types) the tests use. */
interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;

export interface LocalS3 {
  /** Settings for the bucket, with a fresh prefix each call so tests do not see each other's objects. */
  settings(prefix?: string): S3Settings;
  /** Where s3rver keeps the bucket on disk. */
  directory: string;
  stop(): Promise<void>;
}

let runs = 0;

const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER'; // s3rver's fixed test credentials, not a secret

/**
 * A real S3-compatible server on a free loopback port, its bucket in a temp folder. s3rver checks
 * the access key id of a SigV4 request but not its signature, so a check written here from AWS's
 * specification runs first: the signing is tested against something other than itself.
 */
export async function startLocalS3(bucket = 'lawh-media'): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 'lawh-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const [s3rverHandler] = server.httpServer.listeners('request') as ((...args: unknown[]) => void)[];
  server.httpServer.removeAllListeners('request');
  server.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (signatureHolds(req)) return s3rverHandler?.(req, res);
    req.resume();
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end('<Error><Code>SignatureDoesNotMatch</Code><Message>Checked by s3.fixtures.ts</Message></Error>');
  });
  return {
    directory,
    settings: (prefix = `run-${++runs}/`) => ({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      prefix,
      forcePathStyle: true,
    }),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** An unsigned request passes (s3rver serves anonymous reads); a signed one must be signed right. */
function signatureHolds(req: IncomingMessage): boolean {
  const auth = req.headers.authorization;
  if (!auth) return true;
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return false;
  const [, keyId, day, region, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== ACCESS_KEY_ID || !day || !region || !signedHeaders || !signature) return false;
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return false;
  const url = new URL(req.url ?? '/', 'http://x');
  const rfc3986 = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalUri = url.pathname
    .split('/')
    .map((p) => rfc3986(decodeURIComponent(p)))
    .join('/');
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const header = (name: string) =>
    String(req.headers[name] ?? '')
      .trim()
      .replace(/\s+/g, ' ');
  const canonicalRequest = [
    req.method,
    canonicalUri,
    canonicalQuery,
    names.map((n) => `${n}:${header(n)}\n`).join(''),
    signedHeaders,
    header('x-amz-content-sha256'),
  ].join('\n');
  const hex = (s: string) => createHash('sha256').update(s).digest('hex');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    header('x-amz-date'),
    `${day}/${region}/s3/aws4_request`,
    hex(canonicalRequest),
  ].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  let key = hmac(`AWS4${SECRET_ACCESS_KEY}`, day);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
