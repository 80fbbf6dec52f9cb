import type { SyncRow } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { liveSessionColumns } from './attendance.repository';
import { joinUrlOf } from './live-sessions.service';

/** How long after it starts a session stays on the tablets; then the next refresh removes it. */
const KEPT_MS = 24 * 3600_000;

/**
 * The class scope's live sessions (`liveSession` rows), so a learner's tablet shows when the class
 * meets and the link to join; cancelled ones stay, marked, until their day has passed.
 */
export async function projectLiveSessions(
  db: Kysely<DB>,
  classIds: string[],
  out: (classId: string, key: string, data: SyncRow<'liveSession'>) => void,
): Promise<void> {
  const since = new Date(Date.now() - KEPT_MS).toISOString();
  const rows = await liveSessionColumns(db)
    .where('liveSessions.classId', 'in', classIds)
    .where('liveSessions.startsAt', '>=', since)
    .execute();
  for (const r of rows)
    out(r.classId, r.id, {
      id: r.id,
      classId: r.classId,
      title: r.title,
      startsAt: r.startsAt,
      durationMinutes: Number(r.durationMinutes),
      joinUrl: joinUrlOf(r),
      cancelled: r.cancelledAt !== null,
    });
}
