import type { DeviceListQuery } from '@lawh/shared';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { type Auth, visibleDevices } from '../../auth/policy';
import type { DB, DeviceEventsTable, DevicesTable } from '../../db/schema';
import { paged, searchPattern } from '../../lib/paging';

type Db = Kysely<DB>;
export type NewDevice = Insertable<DevicesTable>;
export type NewDeviceEvent = Insertable<DeviceEventsTable>;

/** SQLite allows 32,766 bound values a statement; a device row has 12, so this stays far below. */
const INSERT_CHUNK = 200;

// Names come from correlated subqueries, not joins, so the count query paged() derives reads
// `devices` alone and visibleDevices() applies to the plain table.
const withNames = (db: Db, auth: Auth) =>
  visibleDevices(auth, db.selectFrom('devices')).select((eb) => [
    'devices.id',
    'devices.serialNumber',
    'devices.imei',
    'devices.model',
    'devices.batch',
    'devices.status',
    'devices.condition',
    'devices.schoolId',
    'devices.learnerId',
    'devices.updatedAt',
    'devices.lastSyncAt',
    'devices.appVersion',
    'devices.freeStorageBytes',
    'devices.outboxCount',
    eb
      .exists(
        eb
          .selectFrom('deviceCredentials')
          .select('deviceCredentials.id')
          .whereRef('deviceCredentials.deviceId', '=', 'devices.id')
          .where('deviceCredentials.revokedAt', 'is', null),
      )
      .as('provisioned'),
    eb
      .selectFrom('schools')
      .select('schools.nameFr')
      .whereRef('schools.id', '=', 'devices.schoolId')
      .as('schoolName'),
    eb
      .selectFrom('users')
      .select(sql<string>`${sql.ref('users.givenName')} || ' ' || ${sql.ref('users.familyName')}`.as('name'))
      .whereRef('users.id', '=', 'devices.learnerId')
      .as('learnerName'),
  ]);

export type DeviceRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

export const devicesRepository = {
  list(db: Db, auth: Auth, q: DeviceListQuery) {
    let qb = withNames(db, auth);
    const pattern = searchPattern(q.q);
    if (pattern) qb = qb.where('devices.searchText', 'like', pattern);
    if (q.status) qb = qb.where('devices.status', '=', q.status);
    if (q.schoolId) qb = qb.where('devices.schoolId', '=', q.schoolId);
    return paged(qb.orderBy(`devices.${q.sort}`, q.order).orderBy('devices.id'), q);
  },

  find: (db: Db, auth: Auth, id: string) =>
    withNames(db, auth).where('devices.id', '=', id).executeTakeFirst(),

  /** The tablet as stored, for the rules of a change; null when it does not exist or is not visible. */
  findRaw: (db: Db, auth: Auth, id: string) =>
    visibleDevices(auth, db.selectFrom('devices'))
      .selectAll('devices')
      .where('devices.id', '=', id)
      .executeTakeFirst(),

  /** Which tablet, if any, already has this serial number or IMEI. */
  findClash: (db: Db, serialNumber: string, imei: string | null) =>
    db
      .selectFrom('devices')
      .select(['id', 'serialNumber', 'imei'])
      .where((eb) => eb.or([eb('serialNumber', '=', serialNumber), ...(imei ? [eb('imei', '=', imei)] : [])]))
      .execute(),

  heldBy: (db: Db, learnerId: string) =>
    db
      .selectFrom('devices')
      .select(['id', 'serialNumber'])
      .where('learnerId', '=', learnerId)
      .executeTakeFirst(),

  /** Every tablet with what an import compares and what its search text needs. */
  allForImport: (db: Db) =>
    db
      .selectFrom('devices')
      .leftJoin('users', 'users.id', 'devices.learnerId')
      .select([
        'devices.id',
        'devices.serialNumber',
        'devices.imei',
        'devices.model',
        'devices.batch',
        'devices.status',
        'devices.schoolId',
        'devices.learnerId',
        'users.givenName as learnerGivenName',
        'users.familyName as learnerFamilyName',
        'users.nameAr as learnerNameAr',
      ])
      .execute(),

  insert: (db: Db, row: NewDevice) => db.insertInto('devices').values(row).execute(),

  async insertMany(db: Db, rows: NewDevice[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await db
        .insertInto('devices')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
  },

  /**
   * Writes the change only if the tablet is still as it was read (same status, same last change), so
   * two people acting on one tablet at once cannot both succeed. Returns how many rows changed.
   */
  async updateIfUnchanged(
    db: Db,
    id: string,
    seen: { status: DevicesTable['status']; updatedAt: string },
    patch: Updateable<DevicesTable>,
  ): Promise<number> {
    const res = await db
      .updateTable('devices')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', seen.status)
      .where('updatedAt', '=', seen.updatedAt)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  update: (db: Db, id: string, patch: Updateable<DevicesTable>) =>
    db.updateTable('devices').set(patch).where('id', '=', id).execute(),

  async insertEvents(db: Db, events: NewDeviceEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += INSERT_CHUNK)
      await db
        .insertInto('deviceEvents')
        .values(events.slice(i, i + INSERT_CHUNK))
        .execute();
  },

  /** Newest first; the names are read now, so a renamed school shows its current name. */
  history: (db: Db, deviceId: string) =>
    db
      .selectFrom('deviceEvents as e')
      .leftJoin('users as actor', 'actor.id', 'e.actorId')
      .leftJoin('users as learner', 'learner.id', 'e.learnerId')
      .leftJoin('schools', 'schools.id', 'e.schoolId')
      .select([
        'e.id',
        'e.at',
        'e.action',
        'e.fromStatus',
        'e.toStatus',
        'e.guardianName',
        'e.condition',
        'e.note',
        'actor.givenName as actorGivenName',
        'actor.familyName as actorFamilyName',
        'learner.givenName as learnerGivenName',
        'learner.familyName as learnerFamilyName',
        'schools.nameFr as schoolName',
      ])
      .where('e.deviceId', '=', deviceId)
      .orderBy('e.id', 'desc')
      .execute(),

  /** Tablet counts by school and status, over what the user may see. */
  countsBySchoolAndStatus: (db: Db, auth: Auth) =>
    visibleDevices(auth, db.selectFrom('devices'))
      .leftJoin('schools', 'schools.id', 'devices.schoolId')
      .select((eb) => [
        'devices.schoolId',
        'schools.nameFr as schoolName',
        'devices.status',
        eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['devices.schoolId', 'schools.nameFr', 'devices.status'])
      .execute(),

  school: (db: Db, id: string) =>
    db.selectFrom('schools').select(['id', 'archivedAt']).where('id', '=', id).executeTakeFirst(),

  user: (db: Db, id: string) =>
    db
      .selectFrom('users')
      .select(['id', 'role', 'schoolId', 'archivedAt', 'givenName', 'familyName', 'nameAr'])
      .where('id', '=', id)
      .executeTakeFirst(),
};
