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
import { MIN_APP_VERSION } from './sync.config';
import { type NewEvent, type NewQuarantine, syncRepository as repo } from './sync.repository';

/** How far above a batch the held seqs are read, to acknowledge events a tablet pushed earlier. */
const ACK_WINDOW = 2000;

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
     * for the tablets and teachers of the learner. Answers the highest gap-free device_seq held, and
     * the scopes whose rows changed: the caller pokes them (live.ts lives on the request thread).
     */
    async push(
      device: DeviceAuth,
      body: PushRequest,
    ): Promise<{ response: PushResponse; changed: string[] }> {
      const now = nowIso();
      const { ackedSeq, quarantined, learners } = await db.transaction().execute(async (trx) => {
        await repo.lockDevice(trx, dialect, device.deviceId);
        const acked = await repo.ackedSeq(trx, dialect, device.deviceId);
        // Anything at or below the acknowledgement is held already; one copy of each seq per batch.
        const bySeq = new Map<number, SyncEvent>();
        for (const e of body.events)
          if (e.deviceSeq > acked && !bySeq.has(e.deviceSeq)) bySeq.set(e.deviceSeq, e);
        // What is held already, read once: the batch's seqs and a window above them, for the
        // acknowledgement below (a tablet may have pushed later events first).
        let first = bySeq.size ? Number.POSITIVE_INFINITY : acked + 1;
        let last = acked;
        for (const seq of bySeq.keys()) {
          first = Math.min(first, seq);
          last = Math.max(last, seq);
        }
        const low = Math.max(acked + 1, first - ACK_WINDOW);
        const high = last + ACK_WINDOW;
        const heldBefore = await repo.heldSeqs(trx, dialect, device.deviceId, low, high);
        const fresh = [...bySeq.values()]
          .filter((e) => !heldBefore.has(e.deviceSeq))
          .sort((a, b) => a.deviceSeq - b.deviceSeq);

        const members = device.schoolId
          ? await repo.schoolMembers(trx, dialect, device.schoolId, [...new Set(fresh.map((e) => e.actorId))])
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
        // Walk the seqs known to be held now (under the device lock nothing else adds any); ask the
        // tables only if the walk leaves the window read above.
        let ackedSeq = acked;
        for (;;) {
          const next = ackedSeq + 1;
          if (bySeq.has(next) || (next >= low && next <= high && heldBefore.has(next))) ackedSeq = next;
          else break;
        }
        if (ackedSeq + 1 < low || ackedSeq >= high)
          ackedSeq = await repo.gapFreeSeq(trx, device.deviceId, ackedSeq);
        await repo.setAcked(trx, dialect, device.deviceId, ackedSeq, now);
        await repo.reportStatus(trx, dialect, device, body.status, now);

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
      return { response: { ackedSeq, quarantined, minAppVersion: MIN_APP_VERSION }, changed: learners };
    },
  };
}
