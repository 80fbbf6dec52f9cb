import { randomUUID } from 'node:crypto';
import http, { type ClientRequest, type IncomingMessage, STATUS_CODES } from 'node:http';
import https from 'node:https';
import { Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import aws4 from 'aws4';
import {
  asStream,
  assertHash,
  type ByteRange,
  MediaIntegrityError,
  MediaNotFoundError,
  type MediaStorage,
  verifying,
} from './media-storage';

/** Where the bucket is and how to sign for it. The secrets come from the environment (config.ts). */
export interface S3Settings {
  /** `https://s3.<region>.amazonaws.com`, or a self-hosted server such as `http://10.0.0.5:9000`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Put before every key (e.g. `lawh/media/`), so the bucket can hold other things too. */
  prefix?: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`: self-hosted servers rarely have per-bucket DNS. */
  forcePathStyle: boolean;
  /** How long to wait for an answer to start, in ms. */
  timeoutMs?: number;
}

/** S3 answered with something other than success (or an absence the caller asked about). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Media in an S3-compatible bucket, as `<prefix><sha256>`, spoken to over the plain REST API with
 * node's http and SigV4 signing by aws4 (no SDK). Payloads are sent UNSIGNED-PAYLOAD: the body is a
 * stream whose digest is not known until its end, and it is checked against the key anyway.
 *
 * `put` streams the body through `verifying()` into a temporary key `<prefix>tmp/<uuid>`, and only
 * once every byte was checked and stored does a server-side CopyObject publish it under its hash.
 * Going straight to the final key (holding the last chunk back until the check passed, so a lying
 * body is cut short) is safe on AWS, which never stores an incomplete body, but not on every look-
 * alike: s3rver stores whatever arrived before the client hung up. Staging to a local file first
 * would double the disk writes (uploads are already staged once by upload-staging.ts). The copy
 * costs the server a second write; a temporary key left by a crash is swept by a lifecycle rule on
 * `<prefix>tmp/` (README). The last chunk is still held back, so S3 proper keeps no temporary
 * object from a lying upload at all.
 *
 * The credentials need s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket (without
 * ListBucket, S3 answers 403 rather than 404 for a missing key).
 */
export class S3MediaStorage implements MediaStorage {
  private readonly base: URL;
  private readonly prefix: string;

  constructor(readonly settings: S3Settings) {
    this.base = new URL(settings.endpoint);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
      throw new Error(`The S3 endpoint must be an http(s) URL, got ${settings.endpoint}`);
    this.prefix = settings.prefix ?? '';
  }

  keyOf(hash: string): string {
    assertHash(hash);
    return `${this.prefix}${hash}`;
  }

  async put(hash: string, body: Readable | Buffer, size: number): Promise<void> {
    const key = this.keyOf(hash);
    if (!Number.isSafeInteger(size) || size < 0) throw new MediaIntegrityError(`Not a size: ${size}`);
    if ((await this.size(hash)) !== null) {
      // Stored already, and content addressing means it holds these bytes: send nothing, but still
      // read them through the check so that a lying writer is told so, as with the other stores.
      await pipeline(asStream(body), verifying(hash, size), discard());
      return;
    }
    const temp = `${this.prefix}tmp/${randomUUID()}`;
    try {
      await this.upload(temp, hash, body, size);
      await this.copy(temp, key).catch(async (e: unknown) => {
        // Two writers of one object copy to one key at once; some stores (s3rver's files) fail the
        // loser. The key names its content, so if it now holds the full object, this put is done.
        if ((await this.size(hash).catch(() => null)) !== size) throw e;
      });
    } finally {
      // Best effort: if S3 cannot be reached now, the lifecycle rule on tmp/ sweeps it later.
      await this.deleteKey(temp).catch(() => {});
    }
  }

  /** PUTs the verified body to `key`; the request is cut short unless every byte was right. */
  private async upload(key: string, hash: string, body: Readable | Buffer, size: number): Promise<void> {
    const req = this.send('PUT', key, {
      'content-length': String(size),
      'content-type': 'application/octet-stream',
    });
    const answer = responseOf(req);
    let early: IncomingMessage | undefined;
    answer.then((res) => (early = res)).catch(() => {}); // a failure is handled below
    try {
      await pipeline(asStream(body), verifying(hash, size), holdingBackTheLastChunk(), req);
    } catch (e) {
      req.destroy();
      // The server may have refused the request (credentials, bucket) before the body was sent.
      if (early && !(e instanceof MediaIntegrityError)) await ensureOk(early, `PUT ${key}`);
      throw e;
    }
    await ensureOk(await answer, `PUT ${key}`);
  }

  private async copy(from: string, to: string): Promise<void> {
    const source = `/${this.settings.bucket}/${from}`.split('/').map(encodeURIComponent).join('/');
    const res = await this.call('PUT', to, { 'x-amz-copy-source': source });
    if ((res.statusCode ?? 0) >= 300) return ensureOk(res, `copy to ${to}`);
    // S3 may answer 200 and report a failure of the copy in the body.
    let text = '';
    for await (const chunk of res) text += String(chunk);
    if (/<Error>/.test(text)) {
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'CopyFailed';
      throw new S3Error(502, code, `S3 copy to ${to} failed: ${code}`);
    }
  }

  async has(hash: string): Promise<boolean> {
    return (await this.size(hash)) !== null;
  }

  async size(hash: string): Promise<number | null> {
    const key = this.keyOf(hash);
    const res = await this.call('HEAD', key);
    if (res.statusCode === 404) {
      res.resume();
      return null;
    }
    await ensureOk(res, `HEAD ${key}`);
    const bytes = Number(res.headers['content-length']);
    if (!Number.isSafeInteger(bytes)) throw new S3Error(502, 'BadLength', `HEAD ${key} gave no length`);
    return bytes;
  }

  async createReadStream(hash: string, range?: ByteRange): Promise<Readable> {
    const key = this.keyOf(hash);
    const start = range?.start ?? 0;
    const end = range?.end;
    if (
      !Number.isInteger(start) ||
      start < 0 ||
      (end !== undefined && !(Number.isInteger(end) && end >= start))
    )
      throw new RangeError(`Bad range ${start}-${end ?? ''}`);
    const ranged = range?.start !== undefined || end !== undefined;
    const res = await this.call('GET', key, ranged ? { range: `bytes=${start}-${end ?? ''}` } : {});
    if (res.statusCode === 404) {
      res.resume();
      throw new MediaNotFoundError(hash);
    }
    if (res.statusCode === 416) {
      res.resume();
      // S3 refuses any range of an empty object; the other stores give back nothing.
      const size = await this.size(hash);
      if (size === null) throw new MediaNotFoundError(hash);
      if (size === 0) return Readable.from([]);
      throw new RangeError(`Bad range ${start}-${end ?? ''} of ${size} bytes`);
    }
    if (res.statusCode !== 200 && res.statusCode !== 206) await ensureOk(res, `GET ${key}`);
    // HTTP lets a server ignore Range (200), and some S3 look-alikes serve more than asked (s3rver
    // answers `bytes=0-0` with the whole object): take exactly the asked bytes from what came.
    const served = res.statusCode === 206 ? parseContentRange(res.headers['content-range']) : null;
    const from = served?.start ?? 0;
    const to = served?.end ?? Number.POSITIVE_INFINITY;
    if (from > start) {
      res.destroy();
      throw new S3Error(502, 'BadRange', `GET ${key} served from byte ${from}, not ${start}`);
    }
    if (from === start && (end === undefined || to <= end)) return res;
    return slice(res, start - from, end === undefined ? Number.POSITIVE_INFINITY : end - start + 1);
  }

  async delete(hash: string): Promise<void> {
    await this.deleteKey(this.keyOf(hash));
  }

  private async deleteKey(key: string): Promise<void> {
    const res = await this.call('DELETE', key);
    if (res.statusCode === 404) return void res.resume();
    await ensureOk(res, `DELETE ${key}`);
  }

  /** A request with no body, answered. */
  private async call(method: string, key: string, headers: Record<string, string> = {}) {
    const req = this.send(method, key, headers);
    const answer = responseOf(req);
    req.end();
    return answer;
  }

  /** A signed request, not yet ended. */
  private send(method: string, key: string, headers: Record<string, string>): ClientRequest {
    const { bucket, region, accessKeyId, secretAccessKey, forcePathStyle } = this.settings;
    const encodedKey = key.split('/').map(encodeURIComponent).join('/');
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const hostname = forcePathStyle ? this.base.hostname : `${bucket}.${this.base.hostname}`;
    const port = this.base.port;
    const signed = aws4.sign(
      {
        host: port ? `${hostname}:${port}` : hostname,
        path: forcePathStyle ? `${basePath}/${encodeURIComponent(bucket)}/${encodedKey}` : `/${encodedKey}`,
        method,
        service: 's3',
        region,
        headers: { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { accessKeyId, secretAccessKey },
    );
    const req = (this.base.protocol === 'https:' ? https : http).request({
      hostname,
      port: port || undefined,
      method,
      path: signed.path,
      headers: signed.headers,
    });
    const timeoutMs = this.settings.timeoutMs ?? 60_000;
    req.setTimeout(timeoutMs, () =>
      req.destroy(new S3Error(504, 'Timeout', `S3 ${method} ${key}: no answer in ${timeoutMs} ms`)),
    );
    // Only the wait for an answer is bounded: a download may then idle while a slow client reads.
    req.once('response', () => req.setTimeout(0));
    return req;
  }
}

function responseOf(req: ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
}

/** Drains a success; turns anything else into an S3Error carrying S3's own code and message. */
async function ensureOk(res: IncomingMessage, what: string): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) {
    res.resume();
    return;
  }
  let text = '';
  for await (const chunk of res) if (text.length < 4096) text += String(chunk);
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
  // HEAD answers carry no body: name the status instead (403 is mostly credentials or permissions).
  const code = tag('Code') ?? (STATUS_CODES[status] ?? `HTTP ${status}`).replace(/\s/g, '');
  throw new S3Error(
    status,
    code,
    `S3 ${what} answered ${status} ${code}${tag('Message') ? `: ${tag('Message')}` : ''}`,
  );
}

function parseContentRange(header: string | undefined): { start: number; end: number } | null {
  const m = /^bytes (\d+)-(\d+)\//.exec(header ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

/** `take` bytes after the first `skip` of a response; the response is let go once they are read. */
function slice(res: IncomingMessage, skip: number, take: number): Readable {
  return Readable.from(
    (async function* () {
      let toSkip = skip;
      let left = take;
      for await (const data of res) {
        let chunk = data as Buffer;
        if (toSkip > 0) {
          const dropped = Math.min(toSkip, chunk.length);
          chunk = chunk.subarray(dropped);
          toSkip -= dropped;
        }
        if (chunk.length > left) chunk = chunk.subarray(0, left);
        left -= chunk.length;
        if (chunk.length) yield chunk;
        if (left <= 0) break; // ends the loop, which destroys the response
      }
    })(),
    { objectMode: false },
  );
}

/**
 * Passes chunks on one behind, and the last only when the stream ended cleanly. Placed after
 * `verifying()`, whose end fails when the bytes lie, the request never carries all its promised
 * bytes unless they were right.
 */
function holdingBackTheLastChunk(): Transform {
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done: TransformCallback) {
      done(null, held);
    },
  });
}

const discard = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });
