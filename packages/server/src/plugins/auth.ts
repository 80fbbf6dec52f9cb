import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from '../auth/policy';
import type { DB } from '../db/schema';
import { AppError, unauthorized } from '../errors';
import { nowIso } from '../lib/time';

export const SESSION_COOKIE = 'lawh_sid';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
    csrfToken: string | null;
  }
}

/**
 * The sync protocol's routes. Tablets speak there with a bearer credential (plugins/device-auth.ts)
 * or an enrolment code, never with the session cookie, so the cookie is ignored there and with it
 * the CSRF check: a cross-site page can neither read nor set an Authorization header.
 */
export const COOKIELESS_PREFIX = '/api/sync/v1/';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Resolves the session cookie to `req.auth` and enforces CSRF on cookie-authenticated writes: a
 * write must echo the session's token in `x-csrf-token`, which a cross-site form cannot do.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith(COOKIELESS_PREFIX)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(['users.id', 'users.role', 'users.schoolId', 'sessions.csrfToken', 'sessions.expiresAt'])
      .where('sessions.tokenHash', '=', hashToken(token))
      .where('users.archivedAt', 'is', null)
      .executeTakeFirst();
    if (!row || row.expiresAt <= nowIso()) return;
    req.auth = { userId: row.id, role: row.role, schoolId: row.schoolId };
    req.csrfToken = row.csrfToken;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, row.csrfToken)) {
        throw new AppError(403, 'csrf', 'Missing or wrong x-csrf-token header; reload the page');
      }
    }
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signed-in user, or a 401. */
export function authOf(req: FastifyRequest): Auth {
  if (!req.auth) throw unauthorized();
  return req.auth;
}
