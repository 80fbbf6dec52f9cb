import { z } from 'zod';
import { id, listQuery, longText, text } from './common';

export const DEVICE_STATUSES = [
  'in_stock',
  'at_school',
  'with_learner',
  'in_repair',
  'lost',
  'retired',
] as const;
export const deviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof deviceStatus>;

export const condition = z.enum(['new', 'good', 'fair', 'damaged', 'broken']);
export type Condition = z.infer<typeof condition>;

// Upper-cased so that "ab-12" typed by hand and "AB-12" on the box are found to be the same tablet.
export const serialNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, '4–40 letters, digits or hyphens')
  .toUpperCase();
/** IMEI: 15 digits with a Luhn check digit. */
export const imei = z
  .string()
  .trim()
  .regex(/^\d{15}$/, '15 digits')
  .refine(luhnValid, { message: 'check digit does not match' });

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const deviceInput = z.strictObject({
  serialNumber,
  imei: imei.nullable().optional(),
  model: text(100),
  batch: text(100),
});
export type DeviceInput = z.infer<typeof deviceInput>;

const note = longText(1000).optional();

/** Every change of a tablet's status is one of these actions; each is kept in the tablet's history. */
export const deviceAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign_school'), schoolId: id, note }),
  z.strictObject({
    action: z.literal('hand_over'),
    learnerId: id,
    guardianName: text(200),
    guardianConsent: z.literal(true, { message: 'the guardian must consent before a handover' }),
    condition,
    note,
  }),
  z.strictObject({ action: z.literal('take_back'), condition, note }),
  z.strictObject({ action: z.literal('send_to_repair'), condition, note }),
  z.strictObject({ action: z.literal('repaired'), condition, note }),
  z.strictObject({ action: z.literal('report_lost'), note }),
  z.strictObject({ action: z.literal('found'), condition, note }),
  z.strictObject({ action: z.literal('return_to_stock'), condition, note }),
  z.strictObject({ action: z.literal('retire'), note }),
]);
export type DeviceAction = z.infer<typeof deviceAction>;
export type DeviceActionName = DeviceAction['action'];

/**
 * What the server writes in a history row's `action`: one of the actions, the registration, a
 * change of the tablet's details by an import, or the tablet's credential being issued or revoked. (The response keeps `action` a plain string so that
 * rows written by other tools still read.)
 */
export const DEVICE_EVENT_ACTIONS = [
  'registered',
  'updated',
  'assign_school',
  'hand_over',
  'take_back',
  'send_to_repair',
  'repaired',
  'report_lost',
  'found',
  'return_to_stock',
  'retire',
  'provisioned',
  'revoked',
] as const satisfies ReadonlyArray<'registered' | 'updated' | 'provisioned' | 'revoked' | DeviceActionName>;
export type DeviceEventAction = (typeof DEVICE_EVENT_ACTIONS)[number];

export const device = z.object({
  id,
  serialNumber: z.string(),
  imei: z.string().nullable(),
  model: z.string(),
  batch: z.string(),
  status: deviceStatus,
  condition,
  schoolId: id.nullable(),
  schoolName: z.string().nullable(),
  learnerId: id.nullable(),
  learnerName: z.string().nullable(),
  updatedAt: z.string(),
  /** Whether the tablet holds a device credential that is not revoked. */
  provisioned: z.boolean(),
  // As last reported by the tablet itself when it synced.
  lastSyncAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  freeStorageBytes: z.number().nullable(),
  outboxCount: z.number().int().nullable(),
});
export type Device = z.infer<typeof device>;

export const deviceHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  fromStatus: deviceStatus.nullable(),
  toStatus: deviceStatus,
  schoolName: z.string().nullable(),
  learnerName: z.string().nullable(),
  guardianName: z.string().nullable(),
  condition: condition.nullable(),
  note: z.string().nullable(),
});
export type DeviceHistoryEntry = z.infer<typeof deviceHistoryEntry>;

export const deviceListQuery = listQuery.extend({
  sort: z.enum(['serialNumber', 'model', 'batch', 'status', 'updatedAt']).default('serialNumber'),
  status: deviceStatus.optional(),
  schoolId: id.optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuery>;

export const deviceSummary = z.object({
  total: z.number().int(),
  byStatus: z.record(deviceStatus, z.number().int()),
  bySchool: z.array(
    z.object({
      schoolId: id.nullable(),
      schoolName: z.string().nullable(),
      counts: z.record(deviceStatus, z.number().int()),
      total: z.number().int(),
    }),
  ),
});
export type DeviceSummary = z.infer<typeof deviceSummary>;
