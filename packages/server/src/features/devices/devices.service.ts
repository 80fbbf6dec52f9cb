import type {
  Device,
  DeviceAction,
  DeviceEventAction,
  DeviceHistoryEntry,
  DeviceInput,
  DeviceListQuery,
  DeviceStatus,
  DeviceSummary,
  ImportResult,
  Page,
} from '@lawh/shared';
import { DEVICE_STATUSES, newId, searchKey } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanActOnDevice, assertProgrammeAdmin } from '../../auth/policy';
import type { DB, DeviceRecord } from '../../db/schema';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { NO_SYNC_STATUSES, revokeDeviceAccess } from '../provisioning/device-access';
import { applyAction, isInvalidTransition } from './device-transitions';
import { type DeviceRow, type NewDeviceEvent, devicesRepository as repo } from './devices.repository';
import { type DeviceCsvRow, importFailed, planDevicesImport, readDevicesCsv } from './devices-import';

const toApi = (r: DeviceRow): Device => ({
  id: r.id,
  serialNumber: r.serialNumber,
  imei: r.imei,
  model: r.model,
  batch: r.batch,
  status: r.status,
  condition: r.condition,
  schoolId: r.schoolId,
  schoolName: r.schoolName ?? null,
  learnerId: r.learnerId,
  learnerName: r.learnerName ?? null,
  updatedAt: r.updatedAt,
  provisioned: Boolean(r.provisioned),
  lastSyncAt: r.lastSyncAt,
  appVersion: r.appVersion,
  // bigint: PostgreSQL's driver is told to parse int8 as a number, SQLite gives one already.
  freeStorageBytes: r.freeStorageBytes === null ? null : Number(r.freeStorageBytes),
  outboxCount: r.outboxCount,
});

const fullName = (given: string | null, family: string | null) =>
  given === null && family === null ? null : [given, family].filter(Boolean).join(' ');

interface LearnerNames {
  givenName: string | null;
  familyName: string | null;
  nameAr: string | null;
}

/** What the search box matches: the tablet's identifiers and, while one holds it, the learner's names. */
export const deviceSearchText = (
  d: Pick<DeviceRecord, 'serialNumber' | 'imei' | 'model' | 'batch'>,
  learner?: LearnerNames | null,
) =>
  searchKey(
    d.serialNumber,
    d.imei,
    d.model,
    d.batch,
    learner?.givenName,
    learner?.familyName,
    learner?.nameAr,
  );

const emptyCounts = () =>
  Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])) as Record<DeviceStatus, number>;

export function devicesService(db: Kysely<DB>) {
  const get = async (auth: Auth, id: string): Promise<Device> => {
    const row = await repo.find(db, auth, id);
    if (!row) throw notFound('Tablet');
    return toApi(row);
  };

  /** A serial number or IMEI that is already taken, named by field. */
  const assertUnique = async (trx: Kysely<DB>, serialNumber: string, imei: string | null) => {
    const clashes = await repo.findClash(trx, serialNumber, imei);
    if (clashes.some((c) => c.serialNumber === serialNumber))
      throw conflict('serialNumber', 'A tablet with this serial number is already registered');
    if (clashes.length) throw conflict('imei', 'A tablet with this IMEI is already registered');
  };

  return {
    get,

    async list(auth: Auth, q: DeviceListQuery): Promise<Page<Device>> {
      // `archived` comes with every list query; tablets are never archived (retired is a status).
      const { rows, total } = await repo.list(db, auth, q);
      return { items: rows.map(toApi), total, page: q.page, pageSize: q.pageSize };
    },

    async history(auth: Auth, id: string): Promise<DeviceHistoryEntry[]> {
      if (!(await repo.findRaw(db, auth, id))) throw notFound('Tablet');
      const rows = await repo.history(db, id);
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        action: r.action,
        actorName: fullName(r.actorGivenName, r.actorFamilyName),
        fromStatus: r.fromStatus,
        toStatus: r.toStatus,
        schoolName: r.schoolName,
        learnerName: fullName(r.learnerGivenName, r.learnerFamilyName),
        guardianName: r.guardianName,
        condition: r.condition,
        note: r.note,
      }));
    },

    async summary(auth: Auth): Promise<DeviceSummary> {
      const rows = await repo.countsBySchoolAndStatus(db, auth);
      const byStatus = emptyCounts();
      const bySchool = new Map<string | null, DeviceSummary['bySchool'][number]>();
      for (const r of rows) {
        const n = Number(r.n);
        byStatus[r.status] += n;
        let school = bySchool.get(r.schoolId);
        if (!school) {
          school = { schoolId: r.schoolId, schoolName: r.schoolName, counts: emptyCounts(), total: 0 };
          bySchool.set(r.schoolId, school);
        }
        school.counts[r.status] += n;
        school.total += n;
      }
      // Schools by name; the tablets at no school (stock, and lost or broken from stock) come last.
      const schools = [...bySchool.values()].sort((a, b) =>
        a.schoolName === null
          ? 1
          : b.schoolName === null
            ? -1
            : a.schoolName.localeCompare(b.schoolName, 'fr'),
      );
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      return { total, byStatus, bySchool: schools };
    },

    /** A new tablet enters the programme's stock, with its first history row. */
    async register(auth: Auth, input: DeviceInput): Promise<Device> {
      assertProgrammeAdmin(auth);
      const id = newId();
      const now = nowIso();
      const imei = input.imei ?? null;
      try {
        await db.transaction().execute(async (trx) => {
          await assertUnique(trx, input.serialNumber, imei);
          await repo.insert(trx, {
            id,
            ...input,
            imei,
            status: 'in_stock',
            condition: 'new',
            schoolId: null,
            learnerId: null,
            searchText: deviceSearchText({ ...input, imei }),
            createdAt: now,
            updatedAt: now,
          });
          await repo.insertEvents(trx, [registeredEvent(id, auth.userId, now)]);
        });
      } catch (e) {
        // Only a registration racing this one gets here; the check above names the field otherwise.
        if (isUniqueViolation(e)) await assertUnique(db, input.serialNumber, imei);
        throw e;
      }
      return get(auth, id);
    },

    /** One action on one tablet: the row and its history row are written together, or neither. */
    async act(auth: Auth, id: string, action: DeviceAction): Promise<Device> {
      try {
        await db.transaction().execute(async (trx) => {
          const current = await repo.findRaw(trx, auth, id);
          if (!current) throw notFound('Tablet');
          assertCanActOnDevice(auth, current, action.action);
          const next = applyAction(current, action);
          if (isInvalidTransition(next))
            throw new AppError(
              409,
              'invalid_transition',
              `A tablet that is ${next.from} cannot be given the action ${next.action}`,
              { status: next.from, action: next.action },
            );

          let learner: LearnerNames | null = null;
          if (action.action === 'assign_school') {
            const school = await repo.school(trx, action.schoolId);
            if (!school) throw invalid('schoolId', 'no such school');
            if (school.archivedAt) throw invalid('schoolId', 'the school is archived');
          }
          if (action.action === 'hand_over') {
            const user = await repo.user(trx, action.learnerId);
            if (user?.role !== 'learner' || user.archivedAt || user.schoolId !== current.schoolId)
              throw invalid('learnerId', "must be an active learner of the tablet's school");
            const held = await repo.heldBy(trx, user.id);
            if (held)
              throw conflict('learnerId', `This learner already holds the tablet ${held.serialNumber}`);
            learner = user;
          }

          const now = nowIso();
          const changed = await repo.updateIfUnchanged(trx, id, current, {
            ...next,
            searchText: deviceSearchText(current, learner),
            updatedAt: now,
          });
          if (changed !== 1)
            throw conflict('status', 'The tablet was changed meanwhile; reload it and try again');
          await repo.insertEvents(trx, [
            {
              deviceId: id,
              at: now,
              action: action.action,
              actorId: auth.userId,
              fromStatus: current.status,
              toStatus: next.status,
              // The school and the learner concerned: where it went or came from, who got or gave it back.
              schoolId: next.schoolId ?? current.schoolId,
              learnerId: next.learnerId ?? current.learnerId,
              guardianName: action.action === 'hand_over' ? action.guardianName : null,
              condition: 'condition' in action ? action.condition : null,
              note: action.note?.trim() || null,
            },
          ]);
          // A lost or retired tablet must stop syncing at once, whoever holds it now.
          if (NO_SYNC_STATUSES.has(next.status))
            await revokeDeviceAccess(trx, { id, ...next }, auth.userId, now);
        });
      } catch (e) {
        // The learner index refuses a second tablet for one learner when two handovers race.
        if (isUniqueViolation(e)) throw conflict('learnerId', 'This learner already holds a tablet');
        throw e;
      }
      return get(auth, id);
    },

    /** A CSV of tablets, all or nothing; the upload is read only once the caller is known to be allowed. */
    async importCsv(
      auth: Auth,
      upload: () => Promise<{ bytes: Uint8Array; name: string }>,
    ): Promise<ImportResult> {
      assertProgrammeAdmin(auth);
      const { bytes, name } = await upload();
      const read = readDevicesCsv(name, bytes);
      if (read.problems.length) throw importFailed(read.problems);
      try {
        return await db.transaction().execute(async (trx) => {
          const existing = await repo.allForImport(trx);
          const plan = planDevicesImport(name, read.rows, existing);
          if (plan.problems.length) throw importFailed(plan.problems);
          const now = nowIso();
          const created = plan.creates.map((row) => ({ id: newId(), row }));
          await repo.insertMany(
            trx,
            created.map(({ id, row }) => ({
              id,
              ...deviceFields(row),
              status: 'in_stock' as const,
              condition: 'new' as const,
              schoolId: null,
              learnerId: null,
              searchText: deviceSearchText(row),
              createdAt: now,
              updatedAt: now,
            })),
          );
          for (const { existing: d, row } of plan.updates) {
            const learner = {
              givenName: d.learnerGivenName,
              familyName: d.learnerFamilyName,
              nameAr: d.learnerNameAr,
            };
            await repo.update(trx, d.id, {
              ...deviceFields(row),
              searchText: deviceSearchText(row, learner),
              updatedAt: now,
            });
          }
          await repo.insertEvents(trx, [
            ...created.map(({ id }) => registeredEvent(id, auth.userId, now)),
            ...plan.updates.map(({ existing: d }) => ({
              ...event(d.id, 'updated', auth.userId, now),
              fromStatus: d.status,
              toStatus: d.status,
              schoolId: d.schoolId,
              learnerId: d.learnerId,
            })),
          ]);
          const counts = { created: created.length, updated: plan.updates.length, unchanged: plan.unchanged };
          return { ok: true as const, counts: { devices: counts } };
        });
      } catch (e) {
        // Only a write racing this import can get here: the file was checked against the database.
        if (isUniqueViolation(e)) throw conflict('file', 'The tablets changed during the import; try again');
        throw e;
      }
    },
  };
}

const deviceFields = (row: DeviceCsvRow) => ({
  serialNumber: row.serialNumber,
  imei: row.imei,
  model: row.model,
  batch: row.batch,
});

const event = (deviceId: string, action: DeviceEventAction, actorId: string, at: string) => ({
  deviceId,
  at,
  action,
  actorId,
  guardianName: null,
  condition: null,
  note: null,
});

const registeredEvent = (deviceId: string, actorId: string, at: string): NewDeviceEvent => ({
  ...event(deviceId, 'registered', actorId, at),
  fromStatus: null,
  toStatus: 'in_stock',
  schoolId: null,
  learnerId: null,
  condition: 'new',
});
