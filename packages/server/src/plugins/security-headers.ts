import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every answer. Its options are parsed once here: @fastify/helmet
 * called helmet(options) on every request, parsing the CSP again each time (about 4 % of a
 * tablet's empty sync, measured with bench/sync).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // A school hub serves plain HTTP on its LAN; upgrading would break every asset there.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Set on the raw response: a route's own header (the media CSP) still replaces it.
  app.addHook('onRequest', (req, reply, done) =>
    apply(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)),
  );
}
