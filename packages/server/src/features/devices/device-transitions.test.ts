import {
  type Condition,
  DEVICE_EVENT_ACTIONS,
  DEVICE_STATUSES,
  type DeviceAction,
  type DeviceActionName,
  type DeviceStatus,
  deviceAction,
} from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { applyAction, type DeviceState, isInvalidTransition, nextStatus } from './device-transitions';

const ACTIONS = deviceAction.options.map((o) => o.shape.action.value) as DeviceActionName[];

// The rules as the programme wrote them, spelled out pair by pair: [action, from, to with a school, to without].
// Written independently of device-transitions.ts so that a slip there shows up here.
// biome-ignore format: one rule a line
const RULES: Array<[DeviceActionName, DeviceStatus, DeviceStatus, DeviceStatus]> = [
  ['assign_school',   'in_stock',     'at_school',    'at_school'],
  ['assign_school',   'at_school',    'at_school',    'at_school'],
  ['hand_over',       'at_school',    'with_learner', 'with_learner'],
  ['take_back',       'with_learner', 'at_school',    'at_school'],
  ['send_to_repair',  'in_stock',     'in_repair',    'in_repair'],
  ['send_to_repair',  'at_school',    'in_repair',    'in_repair'],
  ['send_to_repair',  'with_learner', 'in_repair',    'in_repair'],
  ['repaired',        'in_repair',    'at_school',    'in_stock'],
  ['report_lost',     'in_stock',     'lost',         'lost'],
  ['report_lost',     'at_school',    'lost',         'lost'],
  ['report_lost',     'with_learner', 'lost',         'lost'],
  ['report_lost',     'in_repair',    'lost',         'lost'],
  ['found',           'lost',         'at_school',    'in_stock'],
  ['return_to_stock', 'at_school',    'in_stock',     'in_stock'],
  ['return_to_stock', 'in_repair',    'in_stock',     'in_stock'],
  ['retire',          'in_stock',     'retired',      'retired'],
  ['retire',          'at_school',    'retired',      'retired'],
  ['retire',          'in_repair',    'retired',      'retired'],
  ['retire',          'lost',         'retired',      'retired'],
];

const rule = (action: DeviceActionName, from: DeviceStatus) =>
  RULES.find(([a, f]) => a === action && f === from);

/** A valid body for each action, so that any action can be tried on any tablet. */
function bodyFor(name: DeviceActionName, learnerId = 'learner-1', schoolId = 'school-2'): DeviceAction {
  const condition: Condition = 'good';
  switch (name) {
    case 'assign_school':
      return { action: name, schoolId };
    case 'hand_over':
      return { action: name, learnerId, guardianName: 'Fatima Alaoui', guardianConsent: true, condition };
    case 'report_lost':
    case 'retire':
      return { action: name };
    default:
      return { action: name, condition };
  }
}

/** A tablet in `status` that keeps the invariants, with or without a school where both are possible. */
function tabletIn(status: DeviceStatus, withSchool: boolean): DeviceState {
  const schoolId =
    status === 'in_stock'
      ? null
      : status === 'at_school' || status === 'with_learner'
        ? 'school-1'
        : withSchool
          ? 'school-1'
          : null;
  return { status, schoolId, learnerId: status === 'with_learner' ? 'learner-0' : null, condition: 'fair' };
}

function assertInvariants(d: DeviceState): void {
  expect(d.learnerId !== null, `learner iff with_learner (${d.status})`).toBe(d.status === 'with_learner');
  if (d.status === 'at_school' || d.status === 'with_learner') expect(d.schoolId).not.toBeNull();
  if (d.status === 'in_stock') expect(d.schoolId).toBeNull();
}

describe('tablet transitions', () => {
  it('every action is tested and every action has a history name', () => {
    expect(new Set(RULES.map(([a]) => a))).toEqual(new Set(ACTIONS));
    for (const a of ACTIONS) expect(DEVICE_EVENT_ACTIONS).toContain(a);
  });

  describe.each(DEVICE_STATUSES)('from %s', (from) => {
    it.each(ACTIONS)('%s goes exactly where the rules say, or is refused', (action) => {
      const expected = rule(action, from);
      for (const withSchool of [true, false]) {
        const got = nextStatus(from, action, { schoolId: withSchool ? 'school-1' : null });
        if (expected) expect(got).toBe(withSchool ? expected[2] : expected[3]);
        else expect(got).toEqual({ error: 'invalid_transition', from, action });
      }
    });
  });

  it('a retired tablet accepts no action at all', () => {
    for (const action of ACTIONS)
      expect(isInvalidTransition(nextStatus('retired', action, { schoolId: 'x' }))).toBe(true);
  });

  it('a tablet a learner holds cannot be retired or returned to stock without being taken back first', () => {
    expect(isInvalidTransition(nextStatus('with_learner', 'retire', { schoolId: 's' }))).toBe(true);
    expect(isInvalidTransition(nextStatus('with_learner', 'return_to_stock', { schoolId: 's' }))).toBe(true);
    expect(isInvalidTransition(nextStatus('with_learner', 'hand_over', { schoolId: 's' }))).toBe(true);
  });

  it('each action sets the school, the learner and the condition as a manager would expect', () => {
    const atSchool = tabletIn('at_school', true);
    const handed = applyAction(atSchool, bodyFor('hand_over', 'learner-9'));
    expect(handed).toEqual({
      status: 'with_learner',
      schoolId: 'school-1',
      learnerId: 'learner-9',
      condition: 'good',
    });
    const back = applyAction(tabletIn('with_learner', true), { action: 'take_back', condition: 'damaged' });
    expect(back).toEqual({
      status: 'at_school',
      schoolId: 'school-1',
      learnerId: null,
      condition: 'damaged',
    });
    const repair = applyAction(tabletIn('with_learner', true), {
      action: 'send_to_repair',
      condition: 'broken',
    });
    expect(repair).toEqual({
      status: 'in_repair',
      schoolId: 'school-1',
      learnerId: null,
      condition: 'broken',
    });
    const moved = applyAction(atSchool, bodyFor('assign_school', 'x', 'school-2'));
    expect(moved).toMatchObject({ status: 'at_school', schoolId: 'school-2' });
    const stock = applyAction(tabletIn('in_repair', true), { action: 'return_to_stock', condition: 'good' });
    expect(stock).toMatchObject({ status: 'in_stock', schoolId: null });
    const lost = applyAction(tabletIn('with_learner', true), { action: 'report_lost' });
    expect(lost).toEqual({ status: 'lost', schoolId: 'school-1', learnerId: null, condition: 'fair' });
  });

  it('every allowed (status, action) pair keeps the invariants', () => {
    for (const from of DEVICE_STATUSES)
      for (const withSchool of [true, false])
        for (const action of ACTIONS) {
          const after = applyAction(tabletIn(from, withSchool), bodyFor(action));
          if (!isInvalidTransition(after)) assertInvariants(after);
        }
  });

  it('random lives of a tablet keep the invariants and end for good at retired', () => {
    // A small seeded generator (mulberry32) so that a failure can be replayed.
    let seed = 20260915;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    for (let life = 0; life < 300; life++) {
      let tablet: DeviceState = { status: 'in_stock', schoolId: null, learnerId: null, condition: 'new' };
      for (let step = 0; step < 40; step++) {
        const action = bodyFor(pick(ACTIONS), `learner-${step}`, pick(['school-1', 'school-2']));
        const after = applyAction(tablet, action);
        const allowed = rule(action.action, tablet.status) !== undefined;
        expect(isInvalidTransition(after), `${tablet.status} + ${action.action}`).toBe(!allowed);
        if (isInvalidTransition(after)) continue;
        assertInvariants(after);
        tablet = after;
      }
      if (tablet.status === 'retired')
        for (const a of ACTIONS) expect(isInvalidTransition(applyAction(tablet, bodyFor(a)))).toBe(true);
    }
  });
});
