import {
  EVENT_KINDS,
  type EventKind,
  eventPayloads,
  type PushRequest,
  type PushResponse,
  type SyncEvent,
} from '@lawh/shared';
import type { Database } from '../../db/database';
import { nowIso } from '../../lib/time';
import type { DeviceAuth } from '../../plugins/device-auth';
import { applyEvents } from './apply';
import { safeParseFast } from './fast-check';
import { notifyScopes } from './live';
import { MIN_APP_VERSION } from './sync.config';
import { type NewEvent, type NewQuarantine, syncRepository as repo } from './sync.repository';

/** Why an event is held back instead of applied (shown to admins). Null: it may be applied. */
function checkEvent(e: SyncEvent, device: DeviceAuth, members: Map<string, string>): string | null {
  if (e.deviceId !== device.deviceId) return 'wrong_device: the event names another tablet';
  if (!(EVENT_KINDS as readonly string[]).includes(e.kind)) return `unknown_kind: ${e.kind}`;
  const schema = (eventPayloads[e.kind as EventKind] as Record<number, (typeof eventPayloads)[EventKind][1]>)[
    e.v
  ];
  if (!schema) return `unknown_version: ${e.kind} v${e.v}`;
  const parsed = safeParseFast(schema, e.payload);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return `invalid_payload: ${i ? `${i.path.join('.') || 'payload'}: ${i.message}` : 'invalid'}`;
  }
  if (!members.has(e.actorId))
    return 'actor_not_in_school: the actor is not a learner or teacher of this school';
  if (device.learnerId && members.get(e.actorId) === 'learner' && e.actorId !== device.learnerId)
    return 'actor_not_on_tablet: the tablet was handed to another learner';
  return null;
}

export function pushService({ db, dialect }: Pick<Database, 'db' | 'dialect'>) {
  return {
    /**
     * Stores a batch once, in one transaction: new valid events are inserted (a resent one is
     * ignored), invalid ones quarantined, both acknowledged; progress rows are updated and logged
     * for the tablets and teachers of the learner. Answers the highest gap-free device_seq held.
     */
    async push(device: DeviceAuth, body: PushRequest): Promise<PushResponse> {
      const now = nowIso();
      const { ackedSeq, quarantined, learners } = await db.transaction().execute(async (trx) => {
        await repo.lockDevice(trx, dialect, device.deviceId);
        const acked = await repo.ackedSeq(trx, device.deviceId);
        // Anything at or below the acknowledgement is held already; one copy of each seq per batch.
        const bySeq = new Map<number, SyncEvent>();
        for (const e of body.events)
          if (e.deviceSeq > acked && !bySeq.has(e.deviceSeq)) bySeq.set(e.deviceSeq, e);
        const seqs = [...bySeq.keys()];
        const present = await repo.presentSeqs(trx, device.deviceId, Math.min(...seqs), Math.max(...seqs));
        const fresh = [...bySeq.values()]
          .filter((e) => !present.has(e.deviceSeq))
          .sort((a, b) => a.deviceSeq - b.deviceSeq);

        const members = device.schoolId
          ? await repo.schoolMembers(trx, device.schoolId, [...new Set(fresh.map((e) => e.actorId))])
          : new Map<string, string>();
        const accepted: NewEvent[] = [];
        const held: NewQuarantine[] = [];
        for (const e of fresh) {
          const reason = checkEvent(e, device, members);
          if (reason)
            held.push({
              eventId: e.id,
              deviceId: device.deviceId,
              deviceSeq: e.deviceSeq,
              reason,
              event: JSON.stringify(e),
              receivedAt: now,
            });
          else
            accepted.push({
              id: e.id,
              deviceId: e.deviceId,
              deviceSeq: e.deviceSeq,
              actorId: e.actorId,
              kind: e.kind,
              v: e.v,
              clientTs: e.clientTs,
              payload: JSON.stringify(e.payload),
              receivedAt: now,
            });
        }
        await repo.insertEvents(trx, dialect, accepted);
        const quarantined = await repo.insertQuarantine(trx, held);
        // Walk the seqs known to be held now, then ask the tables about anything above.
        let walked = acked;
        while (bySeq.has(walked + 1)) walked++;
        const ackedSeq = await repo.gapFreeSeq(trx, device.deviceId, walked);
        await repo.setAcked(trx, device.deviceId, ackedSeq, now);
        await repo.reportStatus(trx, device, body.status, now);

        // Under the device lock, every fresh accepted event was inserted by this request, once.
        const stored = new Set(accepted.map((e) => e.deviceSeq));
        const learners = await applyEvents(
          trx,
          dialect,
          fresh.filter((e) => stored.has(e.deviceSeq)),
          members,
          now,
        );
        return { ackedSeq, quarantined, learners };
      });
      notifyScopes(learners);
      return { ackedSeq, quarantined, minAppVersion: MIN_APP_VERSION };
    },
  };
}
