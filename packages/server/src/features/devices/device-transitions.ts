import type { Condition, DeviceAction, DeviceActionName, DeviceStatus } from '@lawh/shared';

/**
 * The tablet's life as a pure state machine: which action may follow which status, and what the
 * tablet looks like afterwards. No database, no roles (those are auth/policy.ts), so every pair can
 * be tested exhaustively.
 *
 * Invariants every transition keeps:
 * - a tablet holds a learner exactly when it is `with_learner`;
 * - an `at_school` tablet has a school and an `in_stock` tablet has none;
 * - `retired` is final.
 */

export interface DeviceState {
  status: DeviceStatus;
  schoolId: string | null;
  learnerId: string | null;
  condition: Condition;
}

export interface InvalidTransition {
  error: 'invalid_transition';
  from: DeviceStatus;
  action: DeviceActionName;
}

/** Where each action may start. A handover needs the tablet at a school; retiring one a learner holds would lose it. */
export const ALLOWED_FROM: Readonly<Record<DeviceActionName, readonly DeviceStatus[]>> = {
  assign_school: ['in_stock', 'at_school'],
  hand_over: ['at_school'],
  take_back: ['with_learner'],
  send_to_repair: ['in_stock', 'at_school', 'with_learner'],
  repaired: ['in_repair'],
  report_lost: ['in_stock', 'at_school', 'with_learner', 'in_repair'],
  found: ['lost'],
  return_to_stock: ['at_school', 'in_repair'],
  retire: ['in_stock', 'at_school', 'in_repair', 'lost'],
};

// A tablet coming back from repair or from being lost goes back where it belongs: its school if it
// has one, otherwise the programme's stock.
const backHome = (d: Pick<DeviceState, 'schoolId'>): DeviceStatus => (d.schoolId ? 'at_school' : 'in_stock');

const TARGET: Readonly<Record<DeviceActionName, (d: Pick<DeviceState, 'schoolId'>) => DeviceStatus>> = {
  assign_school: () => 'at_school',
  hand_over: () => 'with_learner',
  take_back: () => 'at_school',
  send_to_repair: () => 'in_repair',
  repaired: backHome,
  report_lost: () => 'lost',
  found: backHome,
  return_to_stock: () => 'in_stock',
  retire: () => 'retired',
};

export const isInvalidTransition = <T>(t: T | InvalidTransition): t is InvalidTransition =>
  typeof t === 'object' && t !== null && 'error' in t;

/** The status after `action`, or why the action is not possible from `current`. */
export function nextStatus(
  current: DeviceStatus,
  action: DeviceActionName,
  device: Pick<DeviceState, 'schoolId'>,
): DeviceStatus | InvalidTransition {
  if (!ALLOWED_FROM[action].includes(current)) return { error: 'invalid_transition', from: current, action };
  return TARGET[action](device);
}

/** The whole tablet after `action`: status, school, learner and condition. */
export function applyAction(device: DeviceState, action: DeviceAction): DeviceState | InvalidTransition {
  const status = nextStatus(device.status, action.action, device);
  if (isInvalidTransition(status)) return status;
  const schoolId =
    action.action === 'assign_school'
      ? action.schoolId
      : action.action === 'return_to_stock'
        ? null
        : device.schoolId;
  return {
    status,
    schoolId,
    learnerId: action.action === 'hand_over' ? action.learnerId : null,
    condition: 'condition' in action ? action.condition : device.condition,
  };
}
