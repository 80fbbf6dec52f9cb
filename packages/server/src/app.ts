import { existsSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import { features } from './features';
import type { MediaOptions } from './features/media/media.options';
import { registerAuth } from './plugins/auth';
import { registerDeviceAuth } from './plugins/device-auth';
import { registerErrorHandler } from './plugins/errors';
import { registerSecurityHeaders } from './plugins/security-headers';

export interface AppOptions {
  database: Database;
  /** Folder of the built web app; null serves the API only (tests). */
  webRoot?: string | null;
  logger?: boolean;
  /** Media store; default DATA_DIR/media. Tests pass a temp folder or another MediaStorage. */
  media?: MediaOptions;
}

export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;

/** Builds the whole server without listening, so tests can `inject()` requests. */
export async function buildApp({
  database,
  webRoot = null,
  logger = false,
  media,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Quality 4 (the plugin's default) with a 256 KB window instead of 4 MB: answers are no larger
    // (a 1 MB pull page comes out 2 % smaller) and the small answers every sync gets cost about 30 %
    // less CPU, most of it the encoder's set-up (bench/README.md, fixed cost of a sync).
    brotliOptions: {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lawh API', version: '1', description: 'Offline-first distance education' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lawh_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, database.db);
  registerDeviceAuth(app, database.db);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of features) register(app, database, { media });

  const withWeb = !!webRoot && existsSync(join(webRoot, 'index.html'));
  if (withWeb) serveWeb(app, webRoot);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // Client-side routes: any other GET outside the API answers with the app shell.
    if (
      withWeb &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route for ${req.method} ${path}` } });
  });
  return app;
}

function serveWeb(app: FastifyInstance, root: string): void {
  app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(reply, path) {
      // Vite fingerprints everything under assets/, so it never changes; the shell and the service
      // worker must always be revalidated or an old app would live on.
      if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-cache');
    },
  });
}
