import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testDialect } from '../../../test/helpers';
import { twoClassSchools } from '../../../test/roster-fixtures';

// attendance.marked through the teacher outbox's endpoint, with the registry as the app builds it.

const URL = '/api/teacher/v1/events';
const event = (payload: Record<string, unknown>, clientTs: string, id = crypto.randomUUID()) => ({
  id,
  kind: 'attendance.marked',
  v: 1,
  clientTs,
  payload,
});

describe(`attendance.marked teacher events (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof twoClassSchools>>;
  beforeEach(async () => {
    t = await testApp();
    w = await twoClassSchools(t);
  });
  afterEach(() => t.close());

  const day = '2026-11-02';
  const register = (status: string, over: Record<string, unknown> = {}) => ({
    classId: w.classA1,
    date: day,
    liveSessionId: null,
    marks: [{ learnerId: w.learnerId, status }],
    ...over,
  });
  const statusNow = async () =>
    (await w.clients.teacher.get(`/api/v1/classes/${w.classA1}/attendance?date=${day}`)).json().rows[0]
      .status;
  const results = async (events: unknown[]) => {
    const res = await w.clients.teacher.post(URL, { events });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results as Array<{ id: string; status: string; error?: { field: string | null } }>;
  };

  it('a register taken offline is applied once; sending it again, or as a new event, changes nothing', async () => {
    const e = event(register('absent'), '2026-11-02T08:05:00.000Z');
    expect((await results([e]))[0]?.status).toBe('applied');
    expect(await statusNow()).toBe('absent');
    expect((await results([e]))[0]?.status).toBe('applied');
    expect((await results([{ ...e, id: crypto.randomUUID() }]))[0]?.status).toBe('applied');
    const rows = await t.db.selectFrom('attendanceMarks').selectAll().execute();
    expect(rows).toHaveLength(1);
    // The register says when the teacher took it, by the tablet's clock.
    expect(rows[0]?.markedAt).toBe('2026-11-02T08:05:00.000Z');
  });

  it('an older register arriving late is refused on record and does not overwrite a newer one', async () => {
    const put = await w.clients.teacher.request({
      method: 'PUT',
      url: `/api/v1/classes/${w.classA1}/attendance`,
      payload: { date: day, marks: [{ learnerId: w.learnerId, status: 'late' }] },
    });
    expect(put.statusCode).toBe(200);
    const stale = event(register('absent'), '2026-11-02T08:00:00.000Z');
    expect((await results([stale]))[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'conflict', field: 'date' },
    });
    expect(await statusNow()).toBe('late');
    // A tablet whose clock runs ahead counts as now, so it cannot block later corrections.
    const ahead = event(register('excused'), '2099-01-01T00:00:00.000Z');
    expect((await results([ahead]))[0]?.status).toBe('applied');
    const fix = await w.clients.teacher.request({
      method: 'PUT',
      url: `/api/v1/classes/${w.classA1}/attendance`,
      payload: { date: day, marks: [{ learnerId: w.learnerId, status: 'present' }] },
    });
    expect(fix.json().rows[0].status).toBe('present');
  });

  it('a rule-breaking register is rejected on record with the field, and the next event still applies', async () => {
    const outsider = crypto.randomUUID();
    const bad = event(
      register('absent', { marks: [{ learnerId: outsider, status: 'absent' }] }),
      '2026-11-02T08:00:00.000Z',
    );
    const unknown = event(register('sick'), '2026-11-02T08:01:00.000Z');
    const good = event(register('present'), '2026-11-02T08:02:00.000Z');
    const [r1, r2, r3] = await results([bad, unknown, good]);
    expect(r1).toMatchObject({ status: 'rejected', error: { field: 'marks.0.learnerId' } });
    expect(r2).toMatchObject({ status: 'rejected', error: { field: 'payload.marks.0.status' } });
    expect(r3?.status).toBe('applied');
    expect(await statusNow()).toBe('present');

    const foreign = await w.clients.otherTeacher.post(URL, {
      events: [event(register('absent'), '2026-11-02T09:00:00.000Z')],
    });
    expect(foreign.json().results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(await statusNow()).toBe('present');
  });
});
