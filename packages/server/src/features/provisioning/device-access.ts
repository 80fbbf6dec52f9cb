import type { DeviceStatus } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { provisioningRepository as repo } from './provisioning.repository';

/** A tablet in one of these states must not sync: its credential is revoked on the way in. */
export const NO_SYNC_STATUSES: ReadonlySet<DeviceStatus> = new Set<DeviceStatus>(['lost', 'retired']);

/**
 * Stops a tablet from syncing: revokes its credentials and ends its unused enrolment codes, with a
 * 'revoked' history row when there was a credential to revoke. Runs inside the caller's
 * transaction, so the status change and the revocation happen together.
 */
export async function revokeDeviceAccess(
  trx: Kysely<DB>,
  device: { id: string; status: DeviceStatus; schoolId: string | null; learnerId: string | null },
  by: string,
  now: string,
): Promise<number> {
  await repo.expireUnusedCodes(trx, device.id, now);
  const revoked = await repo.revokeCredentials(trx, device.id, by, now);
  if (revoked > 0)
    await repo.insertEvent(trx, {
      deviceId: device.id,
      at: now,
      action: 'revoked',
      actorId: by,
      fromStatus: device.status,
      toStatus: device.status,
      schoolId: device.schoolId,
      learnerId: device.learnerId,
      guardianName: null,
      condition: null,
      note: null,
    });
  return revoked;
}
