import type { Condition, DeviceStatus } from '@lawh/shared';
import { searchKey } from '@lawh/shared';
import type { DB } from '../schema';
import type { SeedUser } from './demo-people';
import { addMinutes, type Rng, withLuhnDigit } from './demo-random';

// The 200 donated tablets and a plausible life for each since delivery in 2021. Every status change
// is one event, using the same action names as the devices API (plus 'registered' for delivery), and
// the tablet's current status, school, learner and condition are those of its last event.

export type SeedDevice = DB['devices'];
export type SeedDeviceEvent = Omit<DB['deviceEvents'], 'id'>;

export interface DeviceSchool {
  id: string;
  adminId: string;
  /** Learners whose guardian has consented, in the order tablets should go to them. */
  consenting: SeedUser[];
  /** All learners of the school, for earlier handovers. */
  learners: SeedUser[];
}

const MODEL = 'Tab A8 10.5" LTE';
const BATCHES = [
  { name: 'DON-2020-12', count: 150, deliveredAt: '2021-01-18T09:00:00.000Z', assignFrom: '2021-02-01' },
  { name: 'DON-2021-03', count: 50, deliveredAt: '2021-04-12T09:00:00.000Z', assignFrom: '2021-05-03' },
] as const;

// Final status of each tablet (total 200): most are with learners, the rest are spread like a real
// fleet five years in. 'retired' is left out: none of the tablets has been written off yet.
const STATUS_MIX: Array<[DeviceStatus, number]> = [
  ['with_learner', 145],
  ['at_school', 25],
  ['in_stock', 20],
  ['in_repair', 6],
  ['lost', 4],
];

const REPAIR_NOTES = ['Écran fissuré', 'Ne charge plus', 'Port USB endommagé', 'Batterie gonflée'];
const LOST_NOTES = ['Perdue sur le trajet de l’école', 'Volée au domicile, déclarée par le tuteur'];

/** A day at a given hour, UTC: '2023-03-07' + 10 → '2023-03-07T10:00:00.000Z'. */
const on = (date: string, hour = 9, minutes = 0) => addMinutes(`${date}T00:00:00.000Z`, hour * 60 + minutes);
const day = (rng: Rng, year: number, month: number, from: number, to: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(rng.int(from, to)).padStart(2, '0')}`;

class Timeline {
  readonly events: SeedDeviceEvent[] = [];
  status: DeviceStatus | null = null;
  condition: Condition = 'new';
  schoolId: string | null = null;
  learner: SeedUser | null = null;

  constructor(private readonly deviceId: string) {}

  add(
    at: string,
    action: string,
    toStatus: DeviceStatus,
    actorId: string,
    extra: Partial<Pick<SeedDeviceEvent, 'learnerId' | 'guardianName' | 'condition' | 'note'>> = {},
  ): void {
    const last = this.events[this.events.length - 1];
    if (last && last.at >= at) throw new Error(`demo history out of order for ${this.deviceId}`);
    this.events.push({
      deviceId: this.deviceId,
      at,
      action,
      actorId,
      fromStatus: this.status,
      toStatus,
      schoolId: this.schoolId,
      learnerId: extra.learnerId ?? null,
      guardianName: extra.guardianName ?? null,
      condition: extra.condition ?? null,
      note: extra.note ?? null,
    });
    this.status = toStatus;
    if (extra.condition) this.condition = extra.condition;
  }
}

export function buildDevices(
  rng: Rng,
  schools: DeviceSchool[],
  programmeAdminId: string,
): { devices: SeedDevice[]; events: SeedDeviceEvent[] } {
  const statuses = rng.shuffle(STATUS_MIX.flatMap(([status, n]) => Array<DeviceStatus>(n).fill(status)));
  const queues = schools.map((s) => [...s.consenting]);
  const devices: SeedDevice[] = [];
  const events: SeedDeviceEvent[] = [];
  let n = 0;
  let withLearner = 0;
  let atSchool = 0;

  for (const batch of BATCHES) {
    // A type allocation code per batch, as for real tablets from one production run.
    const tac = `35${rng.digits(6)}`;
    for (let i = 0; i < batch.count; i++, n++) {
      const status = statuses[n] as DeviceStatus;
      const id = rng.uuid();
      const serialNumber = `LWH${batch.name.slice(4, 8)}${String(n + 1).padStart(4, '0')}`;
      const imei = withLuhnDigit(`${tac}${String(100000 + n * 37).padStart(6, '0')}`);
      const t = new Timeline(id);
      t.add(addMinutes(batch.deliveredAt, i * 4), 'registered', 'in_stock', programmeAdminId, {
        condition: 'new',
      });

      // Round-robin over schools so each gets a fair share of every status.
      const schoolIndex =
        status === 'with_learner' ? withLearner++ % schools.length : status === 'at_school' ? atSchool++ : n;
      const school = schools[schoolIndex % schools.length] as DeviceSchool;
      const assignSchool = () => {
        const assignedAt = on(batch.assignFrom, 9, rng.int(0, 19) * 24 * 60 + rng.int(0, 7 * 60));
        t.schoolId = school.id;
        t.add(assignedAt, 'assign_school', 'at_school', programmeAdminId);
      };
      // An earlier school year with another child, ending with the tablet handed back in June.
      const earlierLoan = (from: number, to: number) => {
        const year = rng.int(from, to);
        const eligible = school.learners.filter((l) => (l.birthYear ?? 0) <= year - 6);
        const child = rng.pick(eligible.length ? eligible : school.learners);
        t.add(on(day(rng, year, 10, 1, 20), 11), 'hand_over', 'with_learner', school.adminId, {
          learnerId: child.id,
          guardianName: child.guardianName ?? `${child.givenName} ${child.familyName}`,
          condition: t.condition === 'new' ? 'new' : 'good',
        });
        t.add(
          on(day(rng, rng.int(year + 1, 2026), 6, 20, 30), 11),
          'take_back',
          'at_school',
          school.adminId,
          {
            condition: rng.pick(['good', 'good', 'fair'] as const),
          },
        );
      };
      // The handover of this school year, a few days after the guardian signed the consent form.
      // Tablets that later broke or went missing take learners from the end of the queue, so the
      // demo learners at its head keep a working tablet.
      const handOverNow = (fromEnd: boolean): SeedUser => {
        const queue = queues[schoolIndex % schools.length];
        const child = fromEnd ? queue?.pop() : queue?.shift();
        if (!child) throw new Error('not enough consenting learners for the demo tablets');
        const signed = child.consentDate ?? '2026-09-15';
        t.add(on(signed, 11, rng.int(1, 12) * 24 * 60), 'hand_over', 'with_learner', school.adminId, {
          learnerId: child.id,
          guardianName: child.guardianName ?? `${child.givenName} ${child.familyName}`,
          condition: t.condition,
        });
        return child;
      };

      if (status === 'in_stock') {
        if (rng.chance(0.4)) {
          assignSchool();
          t.add(on(day(rng, 2024, 7, 1, 15), 10), 'return_to_stock', 'in_stock', programmeAdminId, {
            condition: rng.pick(['good', 'fair'] as const),
            note: 'Rendue par l’école',
          });
          t.schoolId = null;
        }
      } else if (status === 'at_school') {
        assignSchool();
        if (rng.chance(0.3)) {
          const broke = day(rng, 2022, 3, 1, 25);
          t.add(on(broke, 10), 'send_to_repair', 'in_repair', school.adminId, {
            condition: 'damaged',
            note: rng.pick(REPAIR_NOTES),
          });
          t.add(on(day(rng, 2022, 5, 1, 28), 10), 'repaired', 'at_school', programmeAdminId, {
            condition: 'good',
          });
        }
        // The first tablet kept at a school once went missing and turned up again, so 'found' shows too.
        if (atSchool === 1) {
          t.add(on('2022-11-04', 15), 'report_lost', 'lost', school.adminId, { note: LOST_NOTES[0] });
          t.add(on('2022-11-18', 9), 'found', 'at_school', school.adminId, { condition: 'fair' });
        }
        if (rng.chance(0.5)) earlierLoan(2023, 2024);
      } else {
        assignSchool();
        if (rng.chance(0.4)) earlierLoan(2021, 2024);
        t.learner = handOverNow(status !== 'with_learner');
        if (status === 'in_repair') {
          t.add(on(day(rng, 2026, 10, 15, 31), 14), 'send_to_repair', 'in_repair', school.adminId, {
            condition: 'damaged',
            note: rng.pick(REPAIR_NOTES),
          });
          t.learner = null;
        } else if (status === 'lost') {
          t.add(on(day(rng, 2026, 11, 2, 16), 14), 'report_lost', 'lost', school.adminId, {
            note: rng.pick(LOST_NOTES),
          });
          t.learner = null;
        }
      }

      const last = t.events[t.events.length - 1] as SeedDeviceEvent;
      const learner = t.learner;
      devices.push({
        id,
        serialNumber,
        imei,
        model: MODEL,
        batch: batch.name,
        status: t.status ?? 'in_stock',
        condition: t.condition,
        schoolId: t.schoolId,
        learnerId: learner?.id ?? null,
        searchText: searchKey(
          serialNumber,
          imei,
          MODEL,
          batch.name,
          learner?.nameAr,
          learner?.givenName,
          learner?.familyName,
        ),
        createdAt: t.events[0]?.at ?? batch.deliveredAt,
        updatedAt: last.at,
        // The demo tablets have not been provisioned yet: they report nothing until they sync.
        lastSyncAt: null,
        appVersion: null,
        freeStorageBytes: null,
        outboxCount: null,
      });
      events.push(...t.events);
    }
  }
  return { devices, events };
}
