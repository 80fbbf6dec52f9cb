import type { Insertable, Kysely } from 'kysely';
import type { DB, DeviceEventsTable } from '../../db/schema';

type Db = Kysely<DB>;

export const provisioningRepository = {
  codeExists: (db: Db, codeHash: string) =>
    db.selectFrom('enrolmentCodes').select('codeHash').where('codeHash', '=', codeHash).executeTakeFirst(),

  insertCode: (db: Db, row: Insertable<DB['enrolmentCodes']>) =>
    db.insertInto('enrolmentCodes').values(row).execute(),

  /** Ends every unused, unexpired code of the tablet now, so only the newest one works. */
  expireUnusedCodes: (db: Db, deviceId: string, now: string) =>
    db
      .updateTable('enrolmentCodes')
      .set({ expiresAt: now })
      .where('deviceId', '=', deviceId)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .execute(),

  findCode: (db: Db, codeHash: string) =>
    db.selectFrom('enrolmentCodes').selectAll().where('codeHash', '=', codeHash).executeTakeFirst(),

  /** Marks the code used if it still is not; 1 when this caller won it, 0 when another did. */
  async claimCode(db: Db, codeHash: string, now: string): Promise<number> {
    const res = await db
      .updateTable('enrolmentCodes')
      .set({ usedAt: now })
      .where('codeHash', '=', codeHash)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  device: (db: Db, id: string) =>
    db
      .selectFrom('devices')
      .innerJoin('schools', 'schools.id', 'devices.schoolId')
      .select([
        'devices.id',
        'devices.serialNumber',
        'devices.status',
        'devices.schoolId',
        'devices.learnerId',
        'schools.nameAr as schoolNameAr',
        'schools.nameFr as schoolNameFr',
      ])
      .where('devices.id', '=', id)
      .executeTakeFirst(),

  setAppVersion: (db: Db, id: string, appVersion: string) =>
    db.updateTable('devices').set({ appVersion }).where('id', '=', id).execute(),

  /** Revokes every live credential of the tablet; returns how many there were. */
  async revokeCredentials(db: Db, deviceId: string, by: string, now: string): Promise<number> {
    const res = await db
      .updateTable('deviceCredentials')
      .set({ revokedAt: now, revokedBy: by })
      .where('deviceId', '=', deviceId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  insertEvent: (db: Db, row: Insertable<DeviceEventsTable>) =>
    db.insertInto('deviceEvents').values(row).execute(),
};
