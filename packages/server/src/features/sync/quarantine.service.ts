import type { QuarantinedEvent } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, visibleDevices } from '../../auth/policy';
import type { DB } from '../../db/schema';

export function quarantineService(db: Kysely<DB>) {
  return {
    /**
     * Events held back, newest first. Who sees them follows who sees the tablets (visibleDevices in
     * auth/policy.ts): the programme admin every tablet's, a school admin their school's, nobody else.
     */
    async list(auth: Auth, q: { deviceId?: string; limit: number }): Promise<{ items: QuarantinedEvent[] }> {
      const devices = visibleDevices(auth, db.selectFrom('devices').select('devices.id'));
      let qb = db
        .selectFrom('syncQuarantine')
        .innerJoin('devices', 'devices.id', 'syncQuarantine.deviceId')
        .select([
          'syncQuarantine.seq',
          'syncQuarantine.deviceId',
          'devices.serialNumber',
          'syncQuarantine.deviceSeq',
          'syncQuarantine.eventId',
          'syncQuarantine.reason',
          'syncQuarantine.event',
          'syncQuarantine.receivedAt',
        ])
        .where('syncQuarantine.deviceId', 'in', devices)
        .where('syncQuarantine.resolvedAt', 'is', null);
      if (q.deviceId) qb = qb.where('syncQuarantine.deviceId', '=', q.deviceId);
      const rows = await qb.orderBy('syncQuarantine.seq', 'desc').limit(q.limit).execute();
      return { items: rows.map((r) => ({ ...r, event: JSON.parse(r.event) as unknown })) };
    },
  };
}
