import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, insertUser, type TestApp, testApp, testDialect } from '../../../test/helpers';
import { insertEnrolment, type RoleClients, twoClassSchools } from '../../../test/roster-fixtures';

describe(`attendance registers (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof twoClassSchools>>;
  let teacher: Client;
  /** Three learners of class A1: Salma (the fixture's pupil), Youssef and Ayoub. */
  let pupils: string[];
  beforeEach(async () => {
    t = await testApp();
    w = await twoClassSchools(t);
    teacher = w.clients.teacher;
    const youssef = await insertUser(t.db, 'learner', w.schoolA, {
      givenName: 'Youssef',
      familyName: 'Amrani',
      nameAr: 'يوسف العمراني',
    });
    const ayoub = await insertUser(t.db, 'learner', w.schoolA, {
      givenName: 'Ayoub',
      familyName: 'Bennani',
      nameAr: 'أيوب بناني',
    });
    await insertEnrolment(t.db, w.classA1, youssef.id, 'learner');
    await insertEnrolment(t.db, w.classA1, ayoub.id, 'learner');
    pupils = [w.learnerId, youssef.id, ayoub.id];
  });
  afterEach(() => t.close());

  const url = (classId: string) => `/api/v1/classes/${classId}/attendance`;
  const put = (c: Client, classId: string, body: unknown) =>
    c.request({ method: 'PUT', url: url(classId), payload: body as object });
  const day = '2026-11-02';
  const marks = (...statuses: string[]) => statuses.map((status, i) => ({ learnerId: pupils[i], status }));
  const statuses = (res: { json: () => { rows: Array<{ learnerId: string; status: string | null }> } }) =>
    Object.fromEntries(res.json().rows.map((r) => [r.learnerId, r.status]));
  const countMarks = async () =>
    Number(
      (
        await t.db
          .selectFrom('attendanceMarks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("a teacher takes a day's register and reads it back, every learner listed", async () => {
    const empty = await teacher.get(`${url(w.classA1)}?date=${day}`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ date: day, liveSessionId: null, markedAt: null });
    expect(empty.json().rows.map((r: { name: string }) => r.name)).toEqual([
      'Salma Alaoui',
      'Youssef Amrani',
      'Ayoub Bennani',
    ]);
    expect(empty.json().rows.every((r: { status: null }) => r.status === null)).toBe(true);

    const saved = await put(teacher, w.classA1, {
      date: day,
      marks: [...marks('present', 'absent'), { learnerId: pupils[2], status: 'late', note: 'bus' }],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().markedByName).toBe('Salma Alaoui');
    const read = await teacher.get(`${url(w.classA1)}?date=${day}`);
    expect(statuses(read)).toEqual({ [pupils[0]!]: 'present', [pupils[1]!]: 'absent', [pupils[2]!]: 'late' });
    expect(read.json().rows[2]).toMatchObject({ note: 'bus', enrolled: true, nameAr: 'أيوب بناني' });
    expect(read.json().markedAt).not.toBeNull();
  });

  it('taking a register again replaces it whole, and sending the same one twice changes nothing', async () => {
    await put(teacher, w.classA1, { date: day, marks: marks('present', 'absent', 'late') });
    const again = await put(teacher, w.classA1, { date: day, marks: marks('present', 'present') });
    expect(statuses(again)).toEqual({ [pupils[0]!]: 'present', [pupils[1]!]: 'present', [pupils[2]!]: null });
    await put(teacher, w.classA1, { date: day, marks: marks('present', 'present') });
    expect(await countMarks()).toBe(2);
    // Another day is another register.
    await put(teacher, w.classA1, { date: '2026-11-03', marks: marks('excused') });
    expect(statuses(await teacher.get(`${url(w.classA1)}?date=${day}`))[pupils[0]!]).toBe('present');
    expect(await countMarks()).toBe(3);
  });

  it('two saves of one register at the same moment: no fault, and the register is one of them whole', async () => {
    const [a, b] = await Promise.all([
      put(teacher, w.classA1, { date: day, marks: marks('present', 'present', 'present') }),
      put(w.clients.head, w.classA1, { date: day, marks: marks('absent', 'absent') }),
    ]);
    // The later one wins; the earlier one either ran first or is told a newer register was saved.
    expect([a.statusCode, b.statusCode].sort((x, y) => x - y)).toSatisfy(
      (codes: number[]) => codes[0] === 200 && [200, 409].includes(codes[1] as number),
    );
    const read = statuses(await teacher.get(`${url(w.classA1)}?date=${day}`));
    expect([JSON.stringify(Object.values(read)), await countMarks()]).toSatisfy(
      ([v, n]) =>
        (v === '["present","present","present"]' && n === 3) || (v === '["absent","absent",null]' && n === 2),
    );
  });

  it('a learner who is not in the class is a 400 naming the row, and nothing is written', async () => {
    await put(teacher, w.classA1, { date: day, marks: marks('present', 'present', 'present') });
    const outsider = await insertUser(t.db, 'learner', w.schoolA);
    const res = await put(teacher, w.classA1, {
      date: day,
      marks: [...marks('absent', 'absent'), { learnerId: outsider.id, status: 'absent' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('marks.2.learnerId');
    expect(res.json().error.details.issues[0].field).toBe('marks.2.learnerId');
    const twice = await put(teacher, w.classA1, { date: day, marks: [...marks('absent'), ...marks('late')] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details.field).toBe('marks.1.learnerId');
    // The earlier register is intact: all or nothing.
    expect(Object.values(statuses(await teacher.get(`${url(w.classA1)}?date=${day}`)))).toEqual([
      'present',
      'present',
      'present',
    ]);
  });

  it('bad input is a 400 naming the field and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ date: day, marks: [{ learnerId: pupils[0], status: 'sick' }] }, 'marks.0.status'],
      [{ date: day, marks: [{ learnerId: pupils[0] }] }, 'marks.0.status'],
      [{ date: '02/11/2026', marks: [] }, 'date'],
      [{ date: '2026-02-30', marks: [] }, 'date'],
      [{ marks: [] }, 'date'],
      [{ date: day }, 'marks'],
      [{ date: day, marks: [{ learnerId: 'a b', status: 'present' }] }, 'marks.0.learnerId'],
      [{ date: day, marks: [{ learnerId: pupils[0], status: 'present', note: 'x\u0007' }] }, 'marks.0.note'],
      [{ date: day, marks: [], colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await put(teacher, w.classA1, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const future = await put(teacher, w.classA1, { date: '2099-01-05', marks: marks('present') });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details.field).toBe('date');
    expect((await teacher.get(`${url(w.classA1)}?date=2026-13-01`)).statusCode).toBe(400);
    expect(await countMarks()).toBe(0);
  });

  it('an archived class takes no register; a learner who left keeps their mark and can be corrected', async () => {
    await put(teacher, w.classA1, { date: day, marks: marks('present', 'absent') });
    await t.db
      .updateTable('enrolments')
      .set({ archivedAt: new Date().toISOString() })
      .where('userId', '=', pupils[1]!)
      .execute();
    const read = await teacher.get(`${url(w.classA1)}?date=${day}`);
    expect(read.json().rows.find((r: { learnerId: string }) => r.learnerId === pupils[1])).toMatchObject({
      status: 'absent',
      enrolled: false,
    });
    const corrected = await put(teacher, w.classA1, { date: day, marks: marks('present', 'excused') });
    expect(corrected.statusCode).toBe(200);
    // On a new day, the learner who left is no longer in the class.
    const later = await put(teacher, w.classA1, { date: '2026-11-04', marks: marks('present', 'present') });
    expect(later.json().error.details.field).toBe('marks.1.learnerId');

    await t.db.updateTable('classes').set({ archivedAt: new Date().toISOString() }).execute();
    const archived = await put(teacher, w.classA1, { date: day, marks: [] });
    expect(archived.statusCode).toBe(409);
    expect(archived.json().error.details.field).toBe('classId');
  });

  it('the monthly summary counts each status per learner, with a rate that leaves excused days out', async () => {
    await put(teacher, w.classA1, { date: '2026-11-02', marks: marks('present', 'absent', 'late') });
    await put(teacher, w.classA1, { date: '2026-11-03', marks: marks('present', 'excused', 'absent') });
    await put(teacher, w.classA1, { date: '2026-11-04', marks: marks('late', 'absent') });
    await put(teacher, w.classA1, { date: '2026-10-30', marks: marks('absent', 'absent', 'absent') });
    const res = await teacher.get(`${url(w.classA1)}/summary?month=2026-11`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ month: '2026-11', registers: 3 });
    expect(s.rows.map((r: { name: string }) => r.name)).toEqual([
      'Salma Alaoui',
      'Youssef Amrani',
      'Ayoub Bennani',
    ]);
    expect(s.rows[0]).toMatchObject({ present: 2, absent: 0, late: 1, excused: 0, rate: 1 });
    expect(s.rows[1]).toMatchObject({ present: 0, absent: 2, late: 0, excused: 1, rate: 0 });
    expect(s.rows[2]).toMatchObject({ present: 0, absent: 1, late: 1, excused: 0, rate: 0.5 });
    const empty = (await teacher.get(`${url(w.classA1)}/summary?month=2026-12`)).json();
    expect(empty.registers).toBe(0);
    expect(empty.rows[0]).toMatchObject({ present: 0, rate: null });
    for (const month of ['2026-13', '2026-1', 'nov'])
      expect((await teacher.get(`${url(w.classA1)}/summary?month=${month}`)).statusCode, month).toBe(400);
  });

  it('the CSV export has a BOM, Arabic names, Massar codes, counts and RFC 4180 quoting', async () => {
    await t.db
      .updateTable('users')
      .set({ givenName: 'Youssef, "Jo"', familyName: 'Amrani' })
      .where('id', '=', pupils[1]!)
      .execute();
    await t.db
      .updateTable('users')
      .set({ givenName: '=HYPERLINK("x")', familyName: 'B' })
      .where('id', '=', pupils[2]!)
      .execute();
    await put(teacher, w.classA1, { date: '2026-11-02', marks: marks('present', 'absent', 'late') });
    await put(teacher, w.classA1, { date: '2026-11-03', marks: marks('absent', 'absent', 'present') });
    const res = await teacher.get(`${url(w.classA1)}/summary.csv?month=2026-11&lang=ar`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(
      'attachment; filename="attendance-5AP-A-2026-11.csv"',
    );
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'رمز مسار,الاسم بالعربية,الاسم بالحروف اللاتينية,حاضر,غائب,متأخر,غياب مبرر,نسبة الحضور (%)',
    );
    const massar = await t.db.selectFrom('users').select(['id', 'massarCode']).execute();
    const code = (id: string) => massar.find((m) => m.id === id)?.massarCode;
    expect(lines[1]).toBe(`${code(pupils[0]!)},سلمى العلوي,Salma Alaoui,1,1,0,0,50`);
    expect(lines[2]).toBe(`${code(pupils[1]!)},يوسف العمراني,"Youssef, ""Jo"" Amrani",0,2,0,0,0`);
    // A name a spreadsheet would run as a formula is neutralised.
    expect(lines[3]).toBe(`${code(pupils[2]!)},أيوب بناني,"'=HYPERLINK(""x"") B",1,0,1,0,100`);
    expect(lines[4]).toBe('');
    const fr = await teacher.get(`${url(w.classA1)}/summary.csv?month=2026-11`);
    expect(fr.rawPayload.subarray(3).toString('utf8')).toMatch(/^Code Massar,Nom en arabe,Nom,Présent,/);
    expect((await teacher.get(`${url(w.classA1)}/summary.csv?month=2026-11&lang=de`)).statusCode).toBe(400);
  });
});

describe(`attendance: who may (${testDialect})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof twoClassSchools>>;
  beforeEach(async () => {
    t = await testApp();
    w = await twoClassSchools(t);
  });
  afterEach(() => t.close());

  // The register of class A1 (school A), taught by `teacher`.
  const expected: Record<keyof RoleClients, number> = {
    admin: 200,
    head: 200,
    teacher: 200,
    otherTeacher: 404,
    headB: 404,
    learner: 403,
  };

  it.each(Object.entries(expected))(
    '%s gets %i on the register, the summary and the CSV',
    async (who, status) => {
      const c = w.clients[who as keyof RoleClients];
      const base = `/api/v1/classes/${w.classA1}/attendance`;
      const write = await c.request({
        method: 'PUT',
        url: base,
        payload: { date: '2026-11-02', marks: [{ learnerId: w.learnerId, status: 'present' }] },
      });
      expect(write.statusCode).toBe(status);
      expect((await c.get(`${base}?date=2026-11-02`)).statusCode).toBe(status);
      expect((await c.get(`${base}/summary?month=2026-11`)).statusCode).toBe(status);
      const csv = await c.get(`${base}/summary.csv?month=2026-11`);
      expect(csv.statusCode).toBe(status);
      if (status !== 200) expect(csv.body).not.toContain('Salma');
      const stored = await t.db.selectFrom('attendanceMarks').selectAll().execute();
      expect(stored.length).toBe(status === 200 ? 1 : 0);
    },
  );

  it('nobody signed out reads or writes a register', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/classes/${w.classA1}/attendance?date=2026-11-02`,
    });
    expect(res.statusCode).toBe(401);
  });
});
