import { randomBytes } from 'node:crypto';
import { type DeviceStatus, newId } from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { dialectOf, rawQuery } from '../db/raw';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import { nowIso } from '../lib/time';
import { COOKIELESS_PREFIX, hashToken } from './auth';

/** A tablet speaking with its own credential (a bearer token, never a cookie). */
export interface DeviceAuth {
  deviceId: string;
  credentialId: string;
  schoolId: string | null;
  /** The learner the tablet was handed to, if any: its scopes shrink to that learner's classes. */
  learnerId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceAuth | null;
    /** Why the bearer credential sent was refused; thrown by deviceOf() on routes that need one. */
    deviceError: AppError | null;
  }
}

/** Tablets in these states may not sync even with a valid credential. */
const NO_SYNC: ReadonlySet<DeviceStatus> = new Set<DeviceStatus>(['lost', 'retired']);

export const deviceRevoked = () =>
  new AppError(
    401,
    'device_revoked',
    'This tablet was withdrawn from syncing; ask the school to provision it again',
  );
const deviceUnauthorized = () =>
  new AppError(
    401,
    'unauthorized',
    'This tablet is not provisioned; enrol it with a code from the tablet register',
  );

/**
 * Resolves `Authorization: Bearer <token>` to `req.device` on the sync routes (COOKIELESS_PREFIX).
 * On routes that need a tablet (deviceOf), a revoked credential, or one of a lost or retired
 * tablet, answers 401 `device_revoked` so the tablet can tell its user why it stopped syncing; an
 * unknown token answers 401 `unauthorized`.
 */
export function registerDeviceAuth(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('device', null);
  app.decorateRequest('deviceError', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header || !req.url.startsWith(COOKIELESS_PREFIX)) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Refused credentials fail only routes that need a tablet: enrolling again still works.
    if (!match?.[1]) req.deviceError = deviceUnauthorized();
    else
      await resolveDevice(db, match[1]).then(
        (device) => {
          req.device = device;
        },
        (err: AppError) => {
          req.deviceError = err;
        },
      );
  });
}

async function resolveDevice(db: Kysely<DB>, token: string): Promise<DeviceAuth> {
  // Plain SQL: every sync request of every tablet runs it (db/raw.ts says why).
  const [row] = await rawQuery<{
    credentialId: string;
    revokedAt: string | null;
    deviceId: string;
    status: DeviceStatus;
    schoolId: string | null;
    learnerId: string | null;
  }>(
    db,
    dialectOf(db),
    `select c.id as credential_id, c.revoked_at, d.id as device_id, d.status, d.school_id, d.learner_id
     from device_credentials c join devices d on d.id = c.device_id
     where c.token_hash = ?`,
    [hashToken(token)],
  );
  if (!row) throw deviceUnauthorized();
  if (row.revokedAt !== null || NO_SYNC.has(row.status)) throw deviceRevoked();
  return {
    deviceId: row.deviceId,
    credentialId: row.credentialId,
    schoolId: row.schoolId,
    learnerId: row.learnerId,
  };
}

/** The authenticated tablet, or a 401. */
export function deviceOf(req: FastifyRequest): DeviceAuth {
  if (!req.device) throw req.deviceError ?? deviceUnauthorized();
  return req.device;
}

/**
 * Mints a credential for a tablet: 32 random bytes, base64url. Only its SHA-256 is stored; the
 * token is shown to the tablet once. Runs inside the caller's transaction.
 */
export async function issueDeviceCredential(
  db: Kysely<DB>,
  deviceId: string,
  createdBy: string | null,
): Promise<{ token: string; credentialId: string }> {
  const token = randomBytes(32).toString('base64url');
  const credentialId = newId();
  await db
    .insertInto('deviceCredentials')
    .values({ id: credentialId, deviceId, tokenHash: hashToken(token), createdBy, createdAt: nowIso() })
    .execute();
  return { token, credentialId };
}
