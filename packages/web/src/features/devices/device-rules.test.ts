import { DEVICE_STATUSES, type DeviceActionName, ROLES } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { assertCanActOnDevice } from '../../../../server/src/auth/policy';
import { ALLOWED_FROM } from '../../../../server/src/features/devices/device-transitions';
import { actionsFor } from './device-rules';

const ACTIONS = Object.keys(ALLOWED_FROM) as DeviceActionName[];

/** What the server accepts: the state machine allows the action and the policy lets this user take it. */
function serverAccepts(
  action: DeviceActionName,
  device: { status: (typeof DEVICE_STATUSES)[number]; schoolId: string | null },
  user: { role: (typeof ROLES)[number]; schoolId: string | null },
) {
  if (!ALLOWED_FROM[action].includes(device.status)) return false;
  try {
    assertCanActOnDevice({ userId: 'u', ...user }, device, action);
    return true;
  } catch {
    return false;
  }
}

describe('tablet actions offered on the tablet page', () => {
  it('are exactly those the server accepts, for every status, role and school', () => {
    for (const status of DEVICE_STATUSES)
      for (const deviceSchool of [null, 'school-a'])
        for (const role of ROLES)
          for (const userSchool of role === 'programme_admin' ? [null] : ['school-a', 'school-b']) {
            const device = { status, schoolId: deviceSchool };
            const user = { role, schoolId: userSchool };
            const offered = actionsFor(device, user);
            const accepted = ACTIONS.filter((a) => serverAccepts(a, device, user));
            expect(new Set(offered), JSON.stringify({ device, user })).toEqual(new Set(accepted));
          }
  });

  it('a retired tablet offers nothing, even to the programme admin', () => {
    expect(
      actionsFor({ status: 'retired', schoolId: null }, { role: 'programme_admin', schoolId: null }),
    ).toEqual([]);
  });
});
