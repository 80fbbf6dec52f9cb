import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import {
  backoffMs,
  type PullResponse,
  type PushResponse,
  parseRetryAfter,
  SYNC_LIMITS,
  type SyncCursor,
  type SyncEvent,
} from '@lawh/shared';
import { JsonText, pushBody, takeBatch } from '../../packages/web/src/tablet/local-logic';
import type { TabletSetup } from './protocol';

// A simulated Lawh tablet doing what packages/web/src/tablet/sync-engine.ts does: push the outbox in
// batches (≤ 2000 events, ≤ 1 MB of JSON, gzip body), drop what is acknowledged, then pull pages
// until hasMore is false. On 503 it waits Retry-After plus jitter (shared backoffMs) and tries again.

const gunzip = promisify(zlib.gunzip);
const brotli = promisify(zlib.brotliDecompress);

/**
 * One process plays many tablets, so what real tablets would do side by side happens here in turn.
 * A tablet makes and compresses its batch in its turn, which ends once the request is on its
 * connection (a new connection: once open). So each batch leaves as soon as it is made, as on a
 * device of its own, rather than after every other tablet of the wave has made its batch.
 */
let turns: Promise<void> = Promise.resolve();
function takeTurn(): Promise<() => void> {
  let end!: () => void;
  // Released on the next turn of the event loop, once the request's bytes have been written.
  const ended = new Promise<void>((resolve) => {
    end = () => setImmediate(resolve);
  });
  const mine = turns.then(() => end);
  turns = turns.then(() => ended);
  return mine;
}

/**
 * The UTF-8 of a body's parts, in one buffer the process reuses: what a browser's Blob of the parts
 * holds, without a fresh megabyte (and its page faults) per push. Valid until the next call.
 */
let scratch = Buffer.allocUnsafeSlow(0);
function utf8Of(parts: readonly string[]): Buffer {
  let most = 0;
  for (const p of parts) most += p.length * 3;
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(most, 2 * scratch.length));
  let n = 0;
  for (const p of parts) n += scratch.write(p, n);
  return scratch.subarray(0, n);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status} ${code}`);
  }
}

/** What one sync run did. */
export interface SyncRun {
  pushed: number;
  rows: number;
  requests: number;
  busy: number;
  ms: number;
  /** The rows pulled, kept only when asked (scenario (c) hands them to the PouchDB side). */
  changes?: PullResponse['changes'];
}

export class LawhTablet {
  readonly outbox: SyncEvent[] = [];
  cursor: SyncCursor = {};
  /** Requests sent and 503 answers received over the tablet's life (failed runs included). */
  requests = 0;
  busy = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly setup: TabletSetup,
    private readonly port: number,
  ) {}

  close(): void {
    this.agent.destroy();
  }

  /** `pushOnly`: skip the pull (lawh-loop.ts, to weigh the pull; the bench always pulls). */
  async sync(
    opts: { keepChanges?: boolean; giveUpAfterMs?: number; pushOnly?: boolean } = {},
  ): Promise<SyncRun> {
    const started = Date.now();
    const run: SyncRun = { pushed: 0, rows: 0, requests: 0, busy: 0, ms: 0 };
    if (opts.keepChanges) run.changes = [];
    const post = <T>(path: string, body: unknown, onSent?: () => void) =>
      this.retrying<T>(path, body, run, started, opts.giveUpAfterMs, onSent);
    for (let first = true; ; first = false) {
      const endTurn = await takeTurn();
      let res: PushResponse;
      let batch: SyncEvent[];
      try {
        const taken = takeBatch(this.outbox, SYNC_LIMITS.pushMaxEvents, SYNC_LIMITS.pushMaxBytes);
        batch = taken.events;
        if (batch.length === 0 && !first) break;
        const status = {
          appVersion: '0.1.0',
          freeStorageBytes: 8e9,
          usedStorageBytes: 2e8,
          outboxCount: this.outbox.length,
        };
        res = await post<PushResponse>('/api/sync/v1/push', pushBody(taken, status), endTurn);
      } finally {
        endTurn();
      }
      const done = this.outbox.findIndex((e) => e.deviceSeq > res.ackedSeq);
      const acked = done === -1 ? this.outbox.length : done;
      this.outbox.splice(0, acked);
      run.pushed += acked;
      if (batch.length === 0 || res.ackedSeq < batch[batch.length - 1]!.deviceSeq) break;
    }
    for (; !opts.pushOnly; ) {
      const page = await post<PullResponse>('/api/sync/v1/pull', { cursor: this.cursor });
      run.rows += page.changes.length;
      run.changes?.push(...page.changes);
      this.cursor = page.cursor;
      if (!page.hasMore) break;
    }
    run.ms = Date.now() - started;
    return run;
  }

  private send(
    path: string,
    headers: Record<string, string | number>,
    payload: Buffer,
    onSent?: () => void,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; data: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path, method: 'POST', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, data: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (e) => reject(Object.assign(e, { reused: req.reusedSocket })));
      if (onSent)
        req.once('socket', (socket) => {
          if (socket.connecting) socket.once('connect', onSent);
          else onSent();
        });
      req.end(payload);
    });
  }

  private async retrying<T>(
    path: string,
    body: unknown,
    run: SyncRun,
    started: number,
    giveUpAfterMs = 600_000,
    onSent?: () => void,
  ) {
    for (let attempt = 1; ; attempt++) {
      try {
        run.requests++;
        this.requests++;
        return await this.post<T>(path, body, onSent);
      } catch (e) {
        // The server may close a kept-alive connection that sat idle (72 s) just as a request goes
        // out on it. Browsers send such a request again at once on a new connection; so does this
        // tablet (pushes and pulls are idempotent).
        const { reused, code } = e as { reused?: boolean; code?: string };
        if (reused && code === 'ECONNRESET') continue;
        const busy = e instanceof HttpError && e.status === 503;
        if (!busy || Date.now() - started > giveUpAfterMs) throw e;
        run.busy++;
        this.busy++;
        await new Promise((r) => setTimeout(r, backoffMs(attempt, { retryAfterMs: e.retryAfterMs })));
      }
    }
  }

  private async post<T>(path: string, body: unknown, onSent?: () => void): Promise<T> {
    const json = body instanceof JsonText ? body : new JsonText([JSON.stringify(body)]);
    // Compressed at once, as a device compresses its own batch. zlib's asynchronous form works in
    // 16 KB steps on a shared thread pool: the batches of the tablets this process plays would be
    // compressed step by step in turn, all finishing together, and the steps cost a third more CPU.
    const zipped = json.length > 512 ? zlib.gzipSync(utf8Of(json.parts)) : null;
    const payload = zipped ?? Buffer.from(json.parts.join(''));
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'content-type': 'application/json',
      'content-length': payload.length,
      authorization: `Bearer ${this.setup.token}`,
    };
    if (zipped) headers['content-encoding'] = 'gzip';
    const { status, headers: resHeaders, data } = await this.send(path, headers, payload, onSent);
    const encoding = resHeaders['content-encoding'];
    const raw = encoding === 'br' ? await brotli(data) : encoding === 'gzip' ? await gunzip(data) : data;
    const text = raw.toString('utf8');
    if (status < 200 || status >= 300) {
      let code = `http_${status}`;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // not JSON: keep the status
      }
      const retryAfter = resHeaders['retry-after'];
      throw new HttpError(status, code, parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null));
    }
    return JSON.parse(text) as T;
  }
}
