import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { DeviceAuth } from '../../plugins/device-auth';
import { subscribe } from './live';
import { grantedScopes } from './scopes';
import { SYNC_CONFIG } from './sync.config';

/**
 * GET /api/sync/v1/live: a Server-Sent Events stream that says `event: poke` when one of the
 * tablet's scopes changed, so it pulls within seconds. A comment every heartbeat keeps proxies and
 * NAT tables from closing it, and the tablet's scopes are read again then (a class added, a learner
 * handed the tablet).
 */
export async function liveStream(
  db: Kysely<DB>,
  device: DeviceAuth,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const scopes = new Set(await grantedScopes(db, device));
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 5000\n\n');
  // Pokes in a burst (a push touching ten learners) become one message.
  let pending: NodeJS.Timeout | null = null;
  const unsubscribe = subscribe(scopes, () => {
    pending ??= setTimeout(() => {
      pending = null;
      res.write('event: poke\ndata: {}\n\n');
    }, 50);
  });
  const heartbeat = setInterval(() => {
    res.write(': heartbeat\n\n');
    refresh().catch(() => undefined);
  }, SYNC_CONFIG.heartbeatMs);
  // A revoked tablet loses its stream at the next heartbeat; its next request says why.
  const refresh = async () => {
    const cred = await db
      .selectFrom('deviceCredentials')
      .select('revokedAt')
      .where('id', '=', device.credentialId)
      .executeTakeFirst();
    if (!cred || cred.revokedAt) return res.end();
    const now = await grantedScopes(db, device);
    scopes.clear();
    for (const s of now) scopes.add(s);
  };
  req.raw.once('close', () => {
    clearInterval(heartbeat);
    if (pending) clearTimeout(pending);
    unsubscribe();
  });
}
