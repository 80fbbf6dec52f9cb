import { localeBody, loginBody, me, okBody } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf, SESSION_COOKIE } from '../../plugins/auth';
import { authService, SESSION_DAYS } from './auth.service';

export function authRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const auth = authService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api/v1/auth/login',
    {
      schema: { tags, body: loginBody, response: { 200: okBody } },
      // Per-IP limit on top of the per-account limit in the service.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token } = await auth.login(req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      });
      return { ok: true as const };
    },
  );

  r.post('/api/v1/auth/logout', { schema: { tags, response: { 200: okBody } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/api/v1/auth/me', { schema: { tags, response: { 200: me } } }, async (req) =>
    auth.me(authOf(req).userId, req.csrfToken ?? ''),
  );

  r.put(
    '/api/v1/auth/me/locale',
    { schema: { tags, body: localeBody, response: { 200: okBody } } },
    async (req) => {
      await auth.setLocale(authOf(req).userId, req.body.locale);
      return { ok: true as const };
    },
  );
}
