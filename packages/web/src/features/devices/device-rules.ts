import { condition, DEVICE_STATUSES, type DeviceActionName, type DeviceStatus, type Role } from '@lawh/shared';
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

/** The actions this role may take on a tablet with this status, in the order they are offered. */
export function actionsFor(status: DeviceStatus, role: Role): DeviceActionName[] {
  if (role !== 'programme_admin' && role !== 'school_admin') return [];
  return ACTIONS_BY_STATUS[status].filter((a) => role === 'programme_admin' || !PROGRAMME_ONLY.has(a));
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
const HISTORY_ACTIONS = new Set<string>([...Object.values(ACTIONS_BY_STATUS).flat(), 'registered']);

/** The label of an action in the history; an action this version does not know shows as written. */
export const historyActionLabel = (t: Translate, action: string) =>
  HISTORY_ACTIONS.has(action) ? t(`device.action.${action}` as MessageKey) : action;
