import type { LiveSession, LiveSessionInput, LiveSessionListQuery, LiveSessionPatch } from '@lawh/shared';
import { meetingLink, newId, schoolDate } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanTakeAttendance } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { conflict, invalid, notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { pokeScopes } from '../sync/live';
import { classScope } from '../sync/scopes';
import { type LiveSessionRow, attendanceRepository as repo } from './attendance.repository';

/** The link to join: the session's own, or a room of the school's meeting service. */
export const joinUrlOf = (r: Pick<LiveSessionRow, 'id' | 'meetingUrl' | 'schoolMeetingUrl'>) =>
  r.meetingUrl ?? (r.schoolMeetingUrl ? meetingLink(r.schoolMeetingUrl, r.id) : null);

const toApi = (r: LiveSessionRow): LiveSession => ({
  id: r.id,
  classId: r.classId,
  classTitle: r.classTitle,
  title: r.title,
  startsAt: r.startsAt,
  durationMinutes: Number(r.durationMinutes),
  joinUrl: joinUrlOf(r),
  customUrl: r.meetingUrl !== null,
  date: schoolDate(r.startsAt),
  cancelled: r.cancelledAt !== null,
  createdAt: r.createdAt,
});

const toUtc = (iso: string) => new Date(iso).toISOString();
const endOf = (startsAt: string, minutes: number) =>
  new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString();

/** The class's tablets show the sessions (liveSession rows): live ones pull now. */
const announce = (classId: string) => pokeScopes([classScope(classId)]);

const noService = () =>
  invalid('meetingUrl', 'this school has no video-meeting service set: give the session a link');

/**
 * Live class sessions on an external video-meeting service (no video stack of our own): who may
 * schedule them is who may take the class's attendance; whoever sees the class sees them.
 */
export function liveSessionsService(db: Kysely<DB>) {
  const classFor = async (auth: Auth, classId: string) => {
    const cls = await repo.findClass(db, auth, classId);
    if (!cls) throw notFound('Class');
    assertCanTakeAttendance(auth, cls);
    return cls;
  };

  /** The session if its class is visible to the user (404 otherwise). */
  const visible = async (auth: Auth, id: string) => {
    const row = await repo.findLiveSession(db, id);
    if (!row || !(await repo.findClass(db, auth, row.classId))) throw notFound('Live session');
    return row;
  };

  const get = async (id: string) => toApi((await repo.findLiveSession(db, id)) as LiveSessionRow);

  return {
    async list(auth: Auth, q: LiveSessionListQuery): Promise<LiveSession[]> {
      if (q.classId && !(await repo.findClass(db, auth, q.classId))) throw notFound('Class');
      return (await repo.listLiveSessions(db, auth, { ...q, now: nowIso() })).map(toApi);
    },

    get: async (auth: Auth, id: string) => toApi(await visible(auth, id)),

    async schedule(auth: Auth, classId: string, input: LiveSessionInput): Promise<LiveSession> {
      const cls = await classFor(auth, classId);
      if (cls.archivedAt) throw conflict('classId', 'This class is archived');
      if (!input.meetingUrl && !(await repo.schoolMeetingUrl(db, cls.schoolId))) throw noService();
      const id = newId();
      const now = nowIso();
      const startsAt = toUtc(input.startsAt);
      await repo.insertLiveSession(db, {
        id,
        classId,
        title: input.title,
        startsAt,
        durationMinutes: input.durationMinutes,
        endsAt: endOf(startsAt, input.durationMinutes),
        meetingUrl: input.meetingUrl || null,
        createdBy: auth.userId,
        createdAt: now,
        updatedAt: now,
      });
      announce(classId);
      return get(id);
    },

    /** Moves, renames or relinks a session; `meetingUrl: null` goes back to the school's service. */
    async update(auth: Auth, id: string, patch: LiveSessionPatch): Promise<LiveSession> {
      const current = await visible(auth, id);
      assertCanTakeAttendance(auth, current);
      if (current.cancelledAt) throw conflict('cancelled', 'This live session was cancelled');
      const meetingUrl = patch.meetingUrl === undefined ? current.meetingUrl : patch.meetingUrl || null;
      if (!meetingUrl && !current.schoolMeetingUrl) throw noService();
      const startsAt = patch.startsAt ? toUtc(patch.startsAt) : current.startsAt;
      const durationMinutes = patch.durationMinutes ?? Number(current.durationMinutes);
      await repo.updateLiveSession(db, id, {
        title: patch.title ?? current.title,
        startsAt,
        durationMinutes,
        endsAt: endOf(startsAt, durationMinutes),
        meetingUrl,
        updatedAt: nowIso(),
      });
      announce(current.classId);
      return get(id);
    },

    /** Cancelling twice changes nothing; a register already taken for it is kept. */
    async cancel(auth: Auth, id: string): Promise<LiveSession> {
      const current = await visible(auth, id);
      assertCanTakeAttendance(auth, current);
      if (!current.cancelledAt) {
        const now = nowIso();
        await repo.updateLiveSession(db, id, { cancelledAt: now, updatedAt: now });
        announce(current.classId);
      }
      return get(id);
    },
  };
}
