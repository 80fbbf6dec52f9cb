import zlib from 'node:zlib';
import {
  pullRequest,
  pullResponse,
  pushRequest,
  pushResponse,
  quarantineList,
  quarantineQuery,
  SYNC_LIMITS,
} from '@lawh/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { authOf } from '../../plugins/auth';
import { deviceOf } from '../../plugins/device-auth';
import { fastSerializerCompiler, fastValidatorCompiler } from './fast-check';
import { createLimiter, type Limiter, retryAfterSeconds } from './limiter';
import { notifyScopes, startPokeRelay } from './live';
import { liveStream } from './live.routes';
import { pullService } from './pull.service';
import { type PushRunner, pushRunner } from './push-worker';
import { quarantineService } from './quarantine.service';
import { SYNC_CONFIG } from './sync.config';

declare module 'fastify' {
  interface FastifyInstance {
    /** The bound on concurrent push and pull work (exposed for tests and metrics). */
    syncLimiter: Limiter;
    /** Where pushes are stored (push-worker.ts). */
    syncPushes: PushRunner;
  }
}

/**
 * The same zod schemas, with a compiled check in front (fast-check.ts). Typed as a plain object:
 * Fastify types a route's compilers against its whole schema object, not the one schema they get.
 */
const fastCompilers: object = {
  validatorCompiler: fastValidatorCompiler,
  serializerCompiler: fastSerializerCompiler,
};

/** The push route's compilers: the runner checks the body, the answer is serialised as usual. */
const bytesIn: object = {
  validatorCompiler: () => (body: unknown) => ({ value: body }),
  serializerCompiler: fastSerializerCompiler,
};

const INFLATE_STEP = 64 * 1024;

/** The JSON of a full push batch plus the envelope; gzip bodies are limited after decompression. */
export const PUSH_BODY_LIMIT = SYNC_LIMITS.pushMaxBytes + 16 * 1024;

export function syncRoutes(app: FastifyInstance, database: Database): void {
  const pushes = pushRunner(database, app.log);
  app.decorate('syncPushes', pushes);
  app.addHook('onClose', () => pushes.close());
  // A server that listens will take pushes: its worker starts now, not with the first tablet's.
  app.addHook('onListen', async () => pushes.warm());
  const pull = pullService(database);
  const quarantine = quarantineService(database.db);
  const limiter = createLimiter({
    concurrency: SYNC_CONFIG.concurrency,
    queueMax: SYNC_CONFIG.queueMax,
    waitMs: SYNC_CONFIG.queueWaitMs,
  });
  app.decorate('syncLimiter', limiter);
  // Pokes between server instances that share a PostgreSQL database (live.ts); nothing on SQLite.
  let stopPokeRelay = async () => {};
  app.addHook('onReady', async () => {
    stopPokeRelay = await startPokeRelay(database, app.log);
  });
  app.addHook('onClose', () => stopPokeRelay());
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sync'];

  const requireDevice = async (req: FastifyRequest) => {
    deviceOf(req);
  };
  // A slot is taken once the body is in, so a slow upload does not hold one; the push bodies held
  // meanwhile are bounded in bytes (SYNC_CONFIG.queueBytes).
  const releases = new WeakMap<FastifyRequest, () => void>();
  const queueBytes = SYNC_CONFIG.queueBytes;
  let queuedBytes = 0;
  const busy = (reply: FastifyReply) => {
    reply.header('retry-after', String(retryAfterSeconds(SYNC_CONFIG.retryAfterS)));
    return new AppError(503, 'busy', 'The server is busy syncing other tablets; try again shortly');
  };
  const takeSlot = async (req: FastifyRequest, reply: FastifyReply) => {
    const bytes = req.body instanceof Uint8Array ? req.body.byteLength : 0;
    if (queuedBytes > 0 && queuedBytes + bytes > queueBytes) throw busy(reply);
    queuedBytes += bytes;
    let release: (() => void) | null;
    try {
      release = await limiter.acquire();
    } finally {
      queuedBytes -= bytes;
    }
    if (!release) throw busy(reply);
    releases.set(req, release);
    reply.raw.once('close', release);
  };
  app.addHook('onResponse', async (req) => releases.get(req)?.());

  // The push body reaches the runner as bytes: parsing and checking it are part of the push's work,
  // which runs off the request thread on SQLite (push-worker.ts). Fastify still reads, inflates and
  // limits the body, and the schema still documents it.
  app.register(async (child) => {
    child.removeContentTypeParser('application/json');
    child.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    child.post(
      '/api/sync/v1/push',
      {
        bodyLimit: PUSH_BODY_LIMIT,
        // A push body inflates to up to 1 MB: in 64 KB steps rather than zlib's 16 KB, the request
        // thread takes 16 turns at it instead of 64, and makes fewer buffers for the collector;
        // each push's inflater holds one step.
        decompress: { zlib: { createGunzip: () => zlib.createGunzip({ chunkSize: INFLATE_STEP }) } },
        onRequest: requireDevice,
        preHandler: takeSlot,
        schema: { tags, body: pushRequest, response: { 200: pushResponse } },
        ...bytesIn,
      },
      async (req) => {
        const { response, changed } = await pushes.push(deviceOf(req), req.body);
        notifyScopes(changed);
        return response;
      },
    );
  });

  r.post(
    '/api/sync/v1/pull',
    {
      onRequest: requireDevice,
      preHandler: takeSlot,
      schema: { tags, body: pullRequest, response: { 200: pullResponse } },
      ...fastCompilers,
    },
    (req) => pull.pull(deviceOf(req), req.body.cursor),
  );

  r.get('/api/sync/v1/live', { onRequest: requireDevice, schema: { tags, hide: true } }, (req, reply) =>
    liveStream(database.db, deviceOf(req), req, reply),
  );

  r.get(
    '/api/v1/sync/quarantine',
    { schema: { tags, querystring: quarantineQuery, response: { 200: quarantineList } } },
    (req) => quarantine.list(authOf(req), req.query),
  );

  // Compaction in a long-lived server; tests and the CLI call pull.compact() directly.
  const timer = setInterval(() => {
    pull.compact().catch((err) => app.log.error({ err }, 'change log compaction failed'));
  }, SYNC_CONFIG.compactEveryMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
