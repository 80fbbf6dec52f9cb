import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Client,
  insertSchool,
  insertUser,
  signIn,
  type TestApp,
  testApp,
  testDialect,
} from '../../../test/helpers';
import { fixtureFiles, multipart, unzipText, uploadRoster, zipFiles } from '../../../test/helpers-roster';

const upload = uploadRoster;

const tables = ['schools', 'academicSessions', 'classes', 'users', 'enrolments'] as const;

async function snapshot(t: TestApp) {
  const out: Record<string, Array<{ id: string; updatedAt: string }>> = {};
  for (const table of tables)
    out[table] = await t.db.selectFrom(table).select(['id', 'updatedAt']).orderBy('id').execute();
  return out;
}

describe(`roster import and export (${testDialect})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await testApp();
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    admin = await signIn(t.app, 'admin');
  });
  afterEach(() => t.close());

  it('a programme admin imports the sample roster and every row lands where it belongs', async () => {
    const res = await upload(admin, zipFiles(fixtureFiles()));
    expect(res.statusCode, res.body).toBe(200);
    const created = (n: number) => ({ created: n, updated: 0, unchanged: 0 });
    expect(res.json()).toEqual({
      ok: true,
      counts: {
        schools: created(2),
        academicSessions: created(3),
        classes: created(3),
        learners: created(10),
        teachers: created(2),
        schoolAdmins: created(1),
        enrolments: created(19),
      },
    });

    const zag = await t.db
      .selectFrom('schools')
      .selectAll()
      .where('sourcedId', '=', 'sch-zag-01')
      .executeTakeFirstOrThrow();
    expect(zag).toMatchObject({
      code: 'ZAG-TMG-01',
      nameAr: 'مدرسة تامكروت الابتدائية',
      region: 'draa-tafilalet',
      province: 'Zagora',
    });
    const year = await t.db
      .selectFrom('academicSessions')
      .selectAll()
      .where('sourcedId', '=', 'year-2026')
      .executeTakeFirstOrThrow();
    const term = await t.db
      .selectFrom('academicSessions')
      .selectAll()
      .where('sourcedId', '=', 'term-2026-1')
      .executeTakeFirstOrThrow();
    expect(term).toMatchObject({ type: 'term', parentId: year.id, startDate: '2026-09-14' });
    const math = await t.db
      .selectFrom('classes')
      .selectAll()
      .where('sourcedId', '=', 'cls-zag-math-5ap')
      .executeTakeFirstOrThrow();
    // The class names terms; Lawh files it under their school year.
    expect(math).toMatchObject({
      schoolId: zag.id,
      yearId: year.id,
      cycle: 'primaire',
      level: '5AP',
      subject: 'mathematics',
    });
    const youssef = await t.db
      .selectFrom('users')
      .selectAll()
      .where('sourcedId', '=', 'stu-01')
      .executeTakeFirstOrThrow();
    expect(youssef).toMatchObject({
      role: 'learner',
      schoolId: zag.id,
      massarCode: 'D130245871',
      nameAr: 'يوسف آيت إبراهيم',
      sex: 'M',
      birthYear: 2015,
      guardianPhone: '+212 661 204 318',
      consentStatus: 'granted',
      consentDate: '2026-09-16',
      passwordHash: null,
    });
    const head = await t.db
      .selectFrom('users')
      .selectAll()
      .where('sourcedId', '=', 'adm-zag-01')
      .executeTakeFirstOrThrow();
    expect(head).toMatchObject({ role: 'school_admin', schoolId: zag.id, username: 'r.amrani' });
    const taught = await t.db
      .selectFrom('enrolments')
      .select('userId')
      .where('classId', '=', math.id)
      .where('role', '=', 'teacher')
      .execute();
    expect(taught).toHaveLength(1);
    // Imported learners are found by the search box like any other.
    const found = await admin.get(`/api/v1/schools?q=${encodeURIComponent('تامكروت')}`);
    expect(found.json().total).toBe(1);
  });

  it('a second import of the same roster changes nothing', async () => {
    const zip = zipFiles(fixtureFiles());
    expect((await upload(admin, zip)).statusCode).toBe(200);
    const before = await snapshot(t);
    const again = await upload(admin, zip);
    expect(again.statusCode).toBe(200);
    for (const c of Object.values(
      again.json().counts as Record<string, { created: number; updated: number }>,
    ))
      expect([c.created, c.updated]).toEqual([0, 0]);
    expect(again.json().counts.enrolments.unchanged).toBe(19);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a changed row is updated, tobedeleted archives, and nothing else is touched', async () => {
    const files = fixtureFiles();
    expect((await upload(admin, zipFiles(files))).statusCode).toBe(200);
    const before = await snapshot(t);
    await new Promise((r) => setTimeout(r, 5));
    files['users.csv'] = files['users.csv']!.replace(
      'stu-02,,,true,sch-zag-01,student,,,Khadija',
      'stu-02,,,true,sch-zag-01,student,,,Khadidja',
    );
    files['enrollments.csv'] = files['enrollments.csv']!.replace('enr-01,,,', 'enr-01,tobedeleted,,');
    const res = await upload(admin, zipFiles(files));
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.learners).toEqual({ created: 0, updated: 1, unchanged: 9 });
    expect(res.json().counts.enrolments).toEqual({ created: 0, updated: 1, unchanged: 18 });
    const khadija = await t.db
      .selectFrom('users')
      .selectAll()
      .where('sourcedId', '=', 'stu-02')
      .executeTakeFirstOrThrow();
    expect(khadija.givenName).toBe('Khadidja');
    const enr = await t.db
      .selectFrom('enrolments')
      .selectAll()
      .where('sourcedId', '=', 'enr-01')
      .executeTakeFirstOrThrow();
    expect(enr.archivedAt).not.toBeNull();
    const after = await snapshot(t);
    const moved = tables.flatMap((table) =>
      after[table]!.filter((row, i) => row.updatedAt !== before[table]![i]!.updatedAt).map((row) => row.id),
    );
    expect(moved.sort()).toEqual([khadija.id, enr.id].sort());
  });

  it('one bad enrolment row imports nothing and is named by file, line and column', async () => {
    const files = fixtureFiles();
    files['enrollments.csv'] += 'enr-99,,,cls-nope,sch-zag-01,stu-01,student,false,,\n';
    const res = await upload(admin, zipFiles(files));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('import_failed');
    expect(res.json().error.message).toMatch(/^1 problem found/);
    expect(res.json().error.details.problems).toEqual([
      {
        file: 'enrollments.csv',
        line: 21,
        column: 'classSourcedId',
        message: expect.stringContaining('cls-nope'),
      },
    ]);
    for (const table of tables)
      expect(await t.db.selectFrom(table).select('id').execute(), table).toHaveLength(
        table === 'users' ? 1 : 0,
      );
  });

  it('a zip of the folder that holds the files imports as well (macOS and Windows zip that way)', async () => {
    const nested = Object.fromEntries(
      Object.entries(fixtureFiles()).map(([n, v]) => [`export-2026/${n}`, v]),
    );
    const res = await upload(admin, zipFiles({ ...nested, '__MACOSX/export-2026/._users.csv': 'junk' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.learners.created).toBe(10);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const res = await upload(admin, zipFiles(fixtureFiles()), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.learners).toEqual({ created: 10, updated: 0, unchanged: 0 });
    expect(await t.db.selectFrom('schools').select('id').execute()).toHaveLength(0);
  });

  it('only a programme admin may import or export', async () => {
    const school = await insertSchool(t.db);
    await insertUser(t.db, 'school_admin', school, { username: 'head' });
    const head = await signIn(t.app, 'head');
    expect((await upload(head, zipFiles(fixtureFiles()))).statusCode).toBe(403);
    expect((await head.get('/api/v1/roster/export')).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roster/import',
      ...multipart(zipFiles(fixtureFiles())),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/roster/export' })).statusCode).toBe(401);
    expect(await t.db.selectFrom('classes').select('id').execute()).toHaveLength(0);
  });

  it('a body that is not a multipart upload of "file" is a 422 naming the field', async () => {
    const json = await admin.post('/api/v1/roster/import', { file: 'x' });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details.field).toBe('file');
    const wrongField = await admin.request({
      method: 'POST',
      url: '/api/v1/roster/import',
      ...multipart(zipFiles(fixtureFiles()), { field: 'roster' }),
    });
    expect(wrongField.statusCode).toBe(422);
  });

  it('the export is a zip of OneRoster CSVs with the Lawh metadata columns', async () => {
    await upload(admin, zipFiles(fixtureFiles()));
    const res = await admin.get('/api/v1/roster/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="lawh-oneroster-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = unzipText(res.rawPayload);
    expect(Object.keys(files).sort()).toEqual([
      'academicSessions.csv',
      'classes.csv',
      'courses.csv',
      'enrollments.csv',
      'manifest.csv',
      'orgs.csv',
      'users.csv',
    ]);
    expect(files['manifest.csv']).toContain('oneroster.version,1.1');
    expect(files['users.csv']!.split('\n')[0]).toContain(
      'metadata.lawh.nameAr,metadata.lawh.sex,metadata.lawh.birthYear',
    );
    expect(files['users.csv']).toContain('stu-07,active,');
    expect(files['users.csv']).toContain('إيمان آيت أوزدي');
    expect(files['orgs.csv']).toContain('beni-mellal-khenifra,Azilal');
    expect(files['classes.csv']).toMatch(
      /cls-zag-math-5ap,active,[^,]+,5AP Mathématiques,05,sch-zag-01\.5AP\.mathematics,/,
    );
  });

  it('an export imports into an empty database as the same roster, and back onto itself unchanged', async () => {
    await upload(admin, zipFiles(fixtureFiles()));
    // Rows made in Lawh have no sourcedId: the export names them by their id.
    const school = await insertSchool(t.db, { code: 'TAT-001', province: 'Tata', region: 'souss-massa' });
    const learner = await insertUser(t.db, 'learner', school, {
      massarCode: 'P150000001',
      nameAr: 'مريم أكناو',
    });
    const year = await t.db
      .selectFrom('academicSessions')
      .select('id')
      .where('sourcedId', '=', 'year-2026')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await t.db
      .insertInto('classes')
      .values({
        id: 'class-made-in-lawh',
        schoolId: school,
        yearId: year.id,
        title: '1AC Anglais',
        cycle: 'college',
        level: '1AC',
        subject: 'english',
        searchText: '',
        archivedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await t.db
      .insertInto('enrolments')
      .values({
        id: 'enrolment-made-in-lawh',
        classId: 'class-made-in-lawh',
        userId: learner.id,
        role: 'learner',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const first = unzipText((await admin.get('/api/v1/roster/export')).rawPayload);

    const other = await testApp();
    try {
      await insertUser(other.db, 'programme_admin', null, { username: 'admin2' });
      const otherAdmin = await signIn(other.app, 'admin2');
      const imported = await upload(otherAdmin, zipFiles(first));
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json().counts.learners.created).toBe(11);
      const second = unzipText((await otherAdmin.get('/api/v1/roster/export')).rawPayload);
      const withoutDates = (csv: string) => csv.replace(/,\d{4}-\d{2}-\d{2}T[\d:.]+Z,/g, ',,');
      for (const name of Object.keys(first))
        expect(withoutDates(second[name]!), name).toBe(withoutDates(first[name]!));
    } finally {
      await other.close();
    }

    const back = await upload(admin, zipFiles(first));
    expect(back.statusCode, back.body).toBe(200);
    for (const c of Object.values(back.json().counts as Record<string, { created: number; updated: number }>))
      expect([c.created, c.updated]).toEqual([0, 0]);
  });
});
