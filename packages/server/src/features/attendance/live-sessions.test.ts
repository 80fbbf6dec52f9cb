import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';

describe(`live sessions (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof twoClassSchools>>;
  let teacher: Client;
  beforeEach(async () => {
    t = await testApp();
    w = await twoClassSchools(t);
    teacher = w.clients.teacher;
  });
  afterEach(() => t.close());

  const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const session = (over: Record<string, unknown> = {}) => ({
    title: 'Révision : fractions',
    startsAt: inHours(24),
    durationMinutes: 45,
    ...over,
  });
  const schedule = (c: Client, body: unknown, classId = w.classA1) =>
    c.post(`/api/v1/classes/${classId}/live-sessions`, body);
  const setService = (meetingUrl: string | null) =>
    w.clients.head.patch(`/api/v1/schools/${w.schoolA}`, { meetingUrl });

  it("a school admin sets the school's meeting service; each session gets its own room from it", async () => {
    const set = await setService('https://meet.example.org/lawh-{sessionId}');
    expect(set.statusCode).toBe(200);
    expect(set.json().meetingUrl).toBe('https://meet.example.org/lawh-{sessionId}');
    const a = (await schedule(teacher, session())).json();
    const b = (await schedule(teacher, session({ title: 'Lecture' }))).json();
    expect(a.joinUrl).toBe(`https://meet.example.org/lawh-${a.id}`);
    expect(b.joinUrl).toBe(`https://meet.example.org/lawh-${b.id}`);
    expect(a.customUrl).toBe(false);

    // A base URL gets one room per session too; upcoming sessions follow the school's new service.
    await setService('https://meet.jit.si/');
    const moved = (await teacher.get(`/api/v1/live-sessions/${a.id}`)).json();
    expect(moved.joinUrl).toBe(`https://meet.jit.si/lawh-${a.id}`);

    const own = await schedule(teacher, session({ meetingUrl: 'https://visio.example.ma/room/42' }));
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ joinUrl: 'https://visio.example.ma/room/42', customUrl: true });
  });

  it('a session needs a link: the school has no service and none was given → 422 naming meetingUrl', async () => {
    const res = await schedule(teacher, session());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.field).toBe('meetingUrl');
    const own = await schedule(teacher, session({ meetingUrl: 'https://visio.example.ma/room/1' }));
    const back = await teacher.patch(`/api/v1/live-sessions/${own.json().id}`, { meetingUrl: null });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.details.field).toBe('meetingUrl');
  });

  it('the meeting service setting must be an https address with no other placeholder', async () => {
    const cases = [
      'http://meet.example.org/{sessionId}',
      'meet.example.org',
      'javascript:alert(1)',
      'https://meet.example.org/{room}',
      'https://user:secret@meet.example.org/x',
      'https://intranet/x',
    ];
    for (const meetingUrl of cases) {
      const res = await setService(meetingUrl);
      expect(res.statusCode, meetingUrl).toBe(400);
      expect(res.json().error.details.issues[0].field).toBe('meetingUrl');
    }
    expect((await w.clients.head.get(`/api/v1/schools/${w.schoolA}`)).json().meetingUrl).toBeNull();
    // A teacher does not manage the school's settings.
    expect(
      (await teacher.patch(`/api/v1/schools/${w.schoolA}`, { meetingUrl: 'https://x.example.org' }))
        .statusCode,
    ).toBe(403);
  });

  it('upcoming lists sessions not yet over, soonest first; past and cancelled ones leave it', async () => {
    await setService('https://meet.example.org');
    const later = (await schedule(teacher, session({ title: 'Later', startsAt: inHours(48) }))).json();
    const soon = (await schedule(teacher, session({ title: 'Soon', startsAt: inHours(2) }))).json();
    const now = (await schedule(teacher, session({ title: 'Now', startsAt: inHours(-0.5) }))).json();
    const done = (await schedule(teacher, session({ title: 'Done', startsAt: inHours(-3) }))).json();
    const titles = async (q: string) =>
      (await teacher.get(`/api/v1/live-sessions?${q}`)).json().items.map((s: { title: string }) => s.title);
    expect(await titles(`classId=${w.classA1}`)).toEqual(['Now', 'Soon', 'Later']);
    expect(await titles(`classId=${w.classA1}&when=past`)).toEqual(['Done']);

    const cancelled = await teacher.post(`/api/v1/live-sessions/${soon.id}/cancel`);
    expect(cancelled.json().cancelled).toBe(true);
    expect((await teacher.post(`/api/v1/live-sessions/${soon.id}/cancel`)).statusCode).toBe(200);
    expect(await titles('when=upcoming')).toEqual(['Now', 'Later']);
    expect(await titles('when=all')).toEqual(['Done', 'Now', 'Soon', 'Later']);
    const edit = await teacher.patch(`/api/v1/live-sessions/${soon.id}`, { title: 'Again' });
    expect(edit.statusCode).toBe(409);

    const moved = await teacher.patch(`/api/v1/live-sessions/${later.id}`, {
      startsAt: inHours(-4),
      durationMinutes: 30,
    });
    expect(moved.statusCode).toBe(200);
    expect(await titles(`when=past&classId=${w.classA1}`)).toEqual(['Done', 'Later']);
    expect(now.cancelled).toBe(false);
    expect(done.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("a session's register is its own, on the session's day in Casablanca", async () => {
    await setService('https://meet.example.org');
    // 23:30 UTC on 19 November is 00:30 on 20 November in Casablanca (UTC+1).
    const s = (await schedule(teacher, session({ startsAt: '2026-11-19T23:30:00Z' }))).json();
    expect(s.date).toBe('2026-11-20');
    const url = `/api/v1/classes/${w.classA1}/attendance`;
    const put = (body: unknown) => teacher.request({ method: 'PUT', url, payload: body as object });
    const marks = [{ learnerId: w.learnerId, status: 'late' }];
    const wrongDay = await put({ date: '2026-11-19', liveSessionId: s.id, marks });
    expect(wrongDay.statusCode).toBe(422);
    expect(wrongDay.json().error.details.field).toBe('date');
    const ok = await put({ date: '2026-11-20', liveSessionId: s.id, marks });
    expect(ok.statusCode).toBe(200);
    await put({ date: '2026-11-20', marks: [{ learnerId: w.learnerId, status: 'present' }] });
    const read = (q: string) => teacher.get(`${url}?date=2026-11-20${q}`);
    expect((await read(`&liveSessionId=${s.id}`)).json().rows[0].status).toBe('late');
    expect((await read('')).json().rows[0].status).toBe('present');
    // Both registers count in the month.
    const sum = (await teacher.get(`${url}/summary?month=2026-11`)).json();
    expect(sum.registers).toBe(2);
    expect(sum.rows[0]).toMatchObject({ present: 1, late: 1 });

    const other = await schedule(
      w.clients.otherTeacher,
      session({ startsAt: '2026-11-19T10:00:00Z' }),
      w.classA2,
    );
    const foreign = await put({ date: other.json().date, liveSessionId: other.json().id, marks: [] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details.field).toBe('liveSessionId');
    await teacher.post(`/api/v1/live-sessions/${s.id}/cancel`);
    const afterCancel = await put({ date: '2026-11-20', liveSessionId: s.id, marks });
    expect(afterCancel.statusCode).toBe(409);
    expect((await read(`&liveSessionId=${s.id}`)).json().rows[0].status).toBe('late');
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    await setService('https://meet.example.org');
    const cases: Array<[unknown, string]> = [
      [session({ title: '' }), 'title'],
      [session({ startsAt: '2026-11-20 10:00' }), 'startsAt'],
      [session({ durationMinutes: 2 }), 'durationMinutes'],
      [session({ durationMinutes: 600 }), 'durationMinutes'],
      [session({ durationMinutes: 30.5 }), 'durationMinutes'],
      [session({ meetingUrl: 'http://insecure.example.org' }), 'meetingUrl'],
      [session({ meetingUrl: 'https://x.example.org/{sessionId}' }), 'meetingUrl'],
      [session({ room: 3 }), 'room'],
    ];
    for (const [body, field] of cases) {
      const res = await schedule(teacher, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await teacher.get('/api/v1/live-sessions?when=soon')).statusCode).toBe(400);
    expect((await teacher.get('/api/v1/live-sessions?when=all')).json().items).toEqual([]);
  });

  // Class A1 (school A), taught by `teacher`. Learners see their class's sessions but do not schedule.
  const expected: Record<keyof RoleClients, { schedule: number; read: number }> = {
    admin: { schedule: 201, read: 200 },
    head: { schedule: 201, read: 200 },
    teacher: { schedule: 201, read: 200 },
    otherTeacher: { schedule: 404, read: 404 },
    headB: { schedule: 404, read: 404 },
    learner: { schedule: 403, read: 200 },
  };
  it.each(Object.entries(expected))(
    '%s: scheduling, reading and cancelling as the matrix says',
    async (who, want) => {
      await setService('https://meet.example.org');
      const c = w.clients[who as keyof RoleClients];
      expect((await schedule(c, session())).statusCode).toBe(want.schedule);
      const mine = (await schedule(teacher, session({ title: 'By the teacher' }))).json();
      expect((await c.get(`/api/v1/live-sessions/${mine.id}`)).statusCode).toBe(want.read);
      const listed = (await c.get('/api/v1/live-sessions')).json().items.map((s: { id: string }) => s.id);
      expect(listed.includes(mine.id)).toBe(want.read === 200);
      const cancel = await c.post(`/api/v1/live-sessions/${mine.id}/cancel`);
      expect(cancel.statusCode).toBe(want.schedule === 201 ? 200 : want.schedule);
      expect((await teacher.get(`/api/v1/live-sessions/${mine.id}`)).json().cancelled).toBe(
        want.schedule === 201,
      );
    },
  );
});
