import {
  condition,
  DEVICE_STATUSES,
  type DeviceActionName,
  type DeviceStatus,
  type Role,
} from '@lawh/shared';
import type { MessageKey, Translate } from '../../i18n';

/**
 * The one place in the web app that knows which action may follow which status, and who may take it.
 * It mirrors the server's state machine (features/devices/device-transitions.ts) so that a person is
 * only offered what will work; the server still has the last word (409 `invalid_transition`).
 */
export const ACTIONS_BY_STATUS: Readonly<Record<DeviceStatus, readonly DeviceActionName[]>> = {
  in_stock: ['assign_school', 'send_to_repair', 'report_lost', 'retire'],
  at_school: ['assign_school', 'hand_over', 'send_to_repair', 'report_lost', 'return_to_stock', 'retire'],
  with_learner: ['take_back', 'send_to_repair', 'report_lost'],
  in_repair: ['repaired', 'report_lost', 'return_to_stock', 'retire'],
  lost: ['found', 'retire'],
  retired: [],
};

/** Moving tablets between schools and the stock, and writing them off, is the programme's decision. */
const PROGRAMME_ONLY: ReadonlySet<DeviceActionName> = new Set(['assign_school', 'return_to_stock', 'retire']);

/**
 * The actions this user may take on this tablet, in the order they are offered: a school admin acts
 * only on their own school's tablets, teachers and learners on none.
 */
export function actionsFor(
  device: { status: DeviceStatus; schoolId: string | null },
  user: { role: Role; schoolId: string | null },
): DeviceActionName[] {
  const actions = ACTIONS_BY_STATUS[device.status];
  if (user.role === 'programme_admin') return [...actions];
  if (user.role !== 'school_admin' || device.schoolId === null || device.schoolId !== user.schoolId)
    return [];
  return actions.filter((a) => !PROGRAMME_ONLY.has(a));
}

/** Actions that record the tablet's condition as it changes hands (the shared DeviceAction union). */
export const RECORDS_CONDITION: ReadonlySet<DeviceActionName> = new Set([
  'hand_over',
  'take_back',
  'send_to_repair',
  'repaired',
  'found',
  'return_to_stock',
]);

export const CONDITIONS = condition.options;
export const STATUSES = DEVICE_STATUSES;

// Every action a tablet's history may hold: the API's actions plus delivery ('registered', written
// when a tablet is added or imported).
const HISTORY_ACTIONS = new Set<string>([
  ...Object.values(ACTIONS_BY_STATUS).flat(),
  'registered',
  'provisioned',
  'revoked',
]);

/** The label of an action in the history; an action this version does not know shows as written. */
export const historyActionLabel = (t: Translate, action: string) =>
  HISTORY_ACTIONS.has(action) ? t(`device.action.${action}` as MessageKey) : action;
