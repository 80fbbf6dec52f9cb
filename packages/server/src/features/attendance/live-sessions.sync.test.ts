import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { nowIso } from '../../lib/time';
import { insertClass, insertDevice, pullEverything, rowsOf, syncWorld } from '../sync/sync.fixtures';

// A class's live sessions reach its tablets as `liveSession` rows, with the link to join; a
// cancellation follows, and sessions over for a day leave.

let t: TestApp;
let w: Awaited<ReturnType<typeof syncWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await syncWorld(t.db, 2);
});
afterEach(() => t.close());

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe(`live sessions on the tablets (${testDialect})`, () => {
  it('a tablet pulls its class sessions with their join links, sees a cancellation, and never sees old or other classes’ sessions', async () => {
    const u = await t.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', w.teacherId)
      .executeTakeFirstOrThrow();
    const teacher = await signIn(t.app, u.username as string);
    await t.db
      .updateTable('schools')
      .set({ meetingUrl: 'https://meet.example.org' })
      .where('id', '=', w.schoolId)
      .execute();
    const schedule = async (classId: string, title: string, startsAt: string, meetingUrl?: string) => {
      const res = await teacher.post(`/api/v1/classes/${classId}/live-sessions`, {
        title,
        startsAt,
        durationMinutes: 45,
        ...(meetingUrl ? { meetingUrl } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; joinUrl: string };
    };
    const revision = await schedule(w.classId, 'Révision', inHours(20));
    const own = await schedule(w.classId, 'Lecture', inHours(44), 'https://visio.example.org/lecture');
    // Over two days ago: kept for the register, not on the tablets.
    const old = await schedule(w.classId, 'Ancienne', inHours(-50));
    const otherClass = await insertClass(t.db, w.schoolId, '4AP-B');
    await t.db
      .insertInto('liveSessions')
      .values({
        id: 'elsewhere',
        classId: otherClass,
        title: 'Autre classe',
        startsAt: inHours(5),
        durationMinutes: 30,
        endsAt: inHours(6),
        meetingUrl: null,
        createdBy: w.teacherId,
        createdAt: nowIso(),
        updatedAt: nowIso(),
      })
      .execute();

    const tablet = await insertDevice(t.db, w.schoolId, {
      learnerId: w.learnerIds[0],
      status: 'with_learner',
    });
    const rows = rowsOf(await pullEverything(t.app, tablet.token), 'liveSession');
    expect(rows.map((r) => r.title).sort()).toEqual(['Lecture', 'Révision']);
    expect(rows.find((r) => r.id === revision.id)).toMatchObject({
      classId: w.classId,
      joinUrl: revision.joinUrl,
      durationMinutes: 45,
      cancelled: false,
    });
    expect(revision.joinUrl).toMatch(/^https:\/\/meet\.example\.org\//);
    expect(rows.find((r) => r.id === own.id)?.joinUrl).toBe('https://visio.example.org/lecture');
    expect(rows.some((r) => r.id === old.id)).toBe(false);

    expect((await teacher.post(`/api/v1/live-sessions/${revision.id}/cancel`)).statusCode).toBe(200);
    const after = rowsOf(await pullEverything(t.app, tablet.token), 'liveSession');
    expect(after.find((r) => r.id === revision.id)?.cancelled).toBe(true);
  });
});
