import { randomBytes } from 'node:crypto';
import {
  type Device,
  ENROLMENT_CODE_ALPHABET,
  type EnrolmentCodeResponse,
  type EnrolRequest,
  type EnrolResponse,
  formatEnrolmentCode,
} from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanProvisionDevice } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { hashToken } from '../../plugins/auth';
import { issueDeviceCredential } from '../../plugins/device-auth';
import { devicesRepository } from '../devices/devices.repository';
import { devicesService } from '../devices/devices.service';
import { MIN_APP_VERSION } from '../sync/sync.config';
import { syncRepository } from '../sync/sync.repository';
import { NO_SYNC_STATUSES, revokeDeviceAccess } from './device-access';
import { provisioningRepository as repo } from './provisioning.repository';

/** How long an enrolment code works: long enough to walk to the tablet, short enough to be useless if photographed. */
export const ENROLMENT_CODE_TTL_MS = 30 * 60 * 1000;

/** 8 characters of Crockford base32; 256 is a multiple of 32, so `byte & 31` is uniform. */
export function newEnrolmentCode(): string {
  return [...randomBytes(8)].map((b) => ENROLMENT_CODE_ALPHABET[b & 31]).join('');
}

const codeError = (status: number, code: string, message: string) =>
  new AppError(status, code, message, { field: 'code' });

export function provisioningService(db: Kysely<DB>) {
  const devices = devicesService(db);

  return {
    /** A new single-use code for this tablet; older unused codes stop working. */
    async makeEnrolmentCode(auth: Auth, deviceId: string, appOrigin: string): Promise<EnrolmentCodeResponse> {
      return db.transaction().execute(async (trx) => {
        const device = await devicesRepository.findRaw(trx, auth, deviceId);
        if (!device) throw notFound('Tablet');
        assertCanProvisionDevice(auth, device);
        if (device.schoolId === null)
          throw conflict('schoolId', 'Assign the tablet to a school before provisioning it');
        if (NO_SYNC_STATUSES.has(device.status))
          throw conflict('status', `A tablet that is ${device.status} cannot be provisioned`);
        const now = new Date();
        await repo.expireUnusedCodes(trx, deviceId, now.toISOString());
        let code = newEnrolmentCode();
        // A clash with a stored code (used or not) is about one in a trillion; draw again rather than fail.
        while (await repo.codeExists(trx, hashToken(code))) code = newEnrolmentCode();
        const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS).toISOString();
        await repo.insertCode(trx, {
          codeHash: hashToken(code),
          deviceId,
          createdBy: auth.userId,
          createdAt: now.toISOString(),
          expiresAt,
        });
        const shown = formatEnrolmentCode(code);
        return { code: shown, expiresAt, enrolUrl: `${appOrigin}/enrol?code=${shown}` };
      });
    },

    /**
     * The tablet trades a code for its credential. Everything happens in one transaction: a code that
     * is unknown, used or expired changes nothing, and two tablets racing for one code cannot both win.
     */
    async enrol(input: EnrolRequest): Promise<EnrolResponse> {
      const codeHash = hashToken(input.code);
      return db.transaction().execute(async (trx) => {
        const now = nowIso();
        const row = await repo.findCode(trx, codeHash);
        if (!row) throw codeError(400, 'code_unknown', 'This enrolment code does not exist; check it');
        if (row.usedAt)
          throw codeError(410, 'code_used', 'This enrolment code was already used; make a new one');
        if (row.expiresAt <= now)
          throw codeError(410, 'code_expired', 'This enrolment code has expired; make a new one');
        const device = await repo.device(trx, row.deviceId);
        if (!device || NO_SYNC_STATUSES.has(device.status))
          throw codeError(410, 'code_expired', 'This tablet can no longer be provisioned');
        if ((await repo.claimCode(trx, codeHash, now)) !== 1)
          throw codeError(410, 'code_used', 'This enrolment code was already used; make a new one');
        const { token } = await issueDeviceCredential(trx, device.id, row.createdBy);
        await repo.setAppVersion(trx, device.id, input.appVersion);
        await repo.insertEvent(trx, {
          deviceId: device.id,
          at: now,
          action: 'provisioned',
          actorId: row.createdBy,
          fromStatus: device.status,
          toStatus: device.status,
          schoolId: device.schoolId,
          learnerId: device.learnerId,
          guardianName: null,
          condition: null,
          note: `app ${input.appVersion}`,
        });
        return {
          deviceId: device.id,
          serialNumber: device.serialNumber,
          token,
          school: { id: device.schoolId as string, nameAr: device.schoolNameAr, nameFr: device.schoolNameFr },
          minAppVersion: MIN_APP_VERSION,
          lastSeq: await syncRepository.lastSeq(trx, device.id),
        };
      });
    },

    /** Stops the tablet from syncing; it says why at its next contact. Revoking twice changes nothing. */
    async revokeCredential(auth: Auth, deviceId: string): Promise<Device> {
      await db.transaction().execute(async (trx) => {
        const device = await devicesRepository.findRaw(trx, auth, deviceId);
        if (!device) throw notFound('Tablet');
        assertCanProvisionDevice(auth, device);
        await revokeDeviceAccess(trx, device, auth.userId, nowIso());
      });
      return devices.get(auth, deviceId);
    },
  };
}
