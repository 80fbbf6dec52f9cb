import type { TeacherEvent, TeacherEventResult } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { Auth } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { nowIso } from '../../lib/time';
import { type TeacherEventHandler, teacherEventHandlers } from './handlers';
import { teacherEventsRepository as repo, type TeacherEventRecord } from './teacher-events.repository';

type Failure = NonNullable<TeacherEventResult['error']>;

const resultOf = (r: TeacherEventRecord): TeacherEventResult =>
  r.status === 'applied'
    ? { id: r.id, status: 'applied' }
    : {
        id: r.id,
        status: 'rejected',
        error: { code: r.errorCode ?? 'rejected', message: r.errorMessage ?? '', field: r.errorField },
      };

/** A caller's mistake becomes the event's rejection; anything else is a fault, and fails the request. */
function failureOf(err: unknown): Failure {
  if (err instanceof AppError && err.status < 500) {
    const field = (err.details as { field?: unknown } | undefined)?.field;
    return { code: err.code, message: err.message, field: typeof field === 'string' ? field : null };
  }
  throw err;
}

export function teacherEventsService(db: Kysely<DB>, handlers: TeacherEventHandler[] = teacherEventHandlers) {
  const byKind = new Map(handlers.map((h) => [`${h.kind}@${h.v}`, h]));

  async function run(auth: Auth, e: TeacherEvent): Promise<Failure | null> {
    const handler = byKind.get(`${e.kind}@${e.v}`);
    if (!handler) return { code: 'unknown_kind', message: `unknown event: ${e.kind} v${e.v}`, field: 'kind' };
    const parsed = handler.payload.safeParse(e.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['payload', ...(issue?.path ?? [])].join('.');
      return { code: 'invalid', message: `${field}: ${issue?.message ?? 'invalid'}`, field };
    }
    try {
      await handler.apply(db, auth, parsed.data, { eventId: e.id, clientTs: e.clientTs });
      return null;
    } catch (err) {
      return failureOf(err);
    }
  }

  return {
    /**
     * Applies each event in order, once: a resent event is answered from its record. Each event is
     * its own unit (the teacher's actions are independent), so one rejected event never holds back
     * the rest. Only a server fault fails the request; the device then sends the batch again.
     */
    async apply(auth: Auth, events: TeacherEvent[]): Promise<TeacherEventResult[]> {
      const results: TeacherEventResult[] = [];
      for (const e of events) {
        const prior = await repo.find(db, e.id);
        if (prior) {
          results.push(
            prior.userId === auth.userId
              ? resultOf(prior)
              : {
                  id: e.id,
                  status: 'rejected',
                  error: { code: 'conflict', message: 'this event id belongs to another user', field: 'id' },
                },
          );
          continue;
        }
        const failure = await run(auth, e);
        await repo.record(db, {
          id: e.id,
          userId: auth.userId,
          kind: e.kind,
          v: e.v,
          clientTs: e.clientTs,
          payload: JSON.stringify(e.payload),
          status: failure ? 'rejected' : 'applied',
          errorCode: failure?.code ?? null,
          errorMessage: failure?.message ?? null,
          errorField: failure?.field ?? null,
          receivedAt: nowIso(),
        });
        results.push(
          failure ? { id: e.id, status: 'rejected', error: failure } : { id: e.id, status: 'applied' },
        );
      }
      return results;
    },
  };
}
