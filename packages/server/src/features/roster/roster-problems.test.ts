import type { ImportProblem } from '@lawh/shared';
import { strToU8, zipSync } from 'fflate';
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
import { fixtureFiles, uploadRoster, zipFiles } from '../../../test/helpers-roster';

/** Changes one file of the fixture; fails loudly if the text to change is not there. */
function edit(files: Record<string, string>, name: string, from: string, to: string): void {
  expect(files[name], `${name} holds ${from}`).toContain(from);
  files[name] = files[name]!.replace(from, to);
}

const where = (p: ImportProblem) => `${p.file}:${p.line ?? '-'} ${p.column ?? '-'}`;

describe(`roster import problems (${testDialect})`, () => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await testApp();
    await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
    admin = await signIn(t.app, 'admin');
  });
  afterEach(() => t.close());

  const problemsOf = async (zip: Uint8Array): Promise<ImportProblem[]> => {
    const res = await uploadRoster(admin, zip);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('import_failed');
    for (const table of ['schools', 'academicSessions', 'classes', 'users', 'enrolments'] as const)
      expect(
        await t.db.selectFrom(table).select('id').where('sourcedId', 'is not', null).execute(),
      ).toHaveLength(0);
    return res.json().error.details.problems;
  };

  it('every problem in every file is listed once, by file, line and column, and nothing is written', async () => {
    const f = fixtureFiles();
    f['orgs.csv'] += [
      'sch-zag-01,,,Doublon,school,ZAG-DUP-01,,,,draa-tafilalet,Zagora',
      'sch-new,,,École Nouvelle,campus,NEW-001,,,,,',
      'sch-tata,,,École Tata,school,TAT-002,,,,,',
      '',
    ].join('\n');
    f['academicSessions.csv'] += 'sem-1,,,Semestre,semester,2026-09-14,2027-01-31,year-2026,2027\n';
    f['courses.csv'] += 'crs-bad,,,,Astronomie,,13,sch-zag-01,astronomy,\n';
    edit(f, 'classes.csv', 'homeroom,,sch-azl-01', 'homeroom,,sch-nope');
    edit(f, 'users.csv', ',f.aitali,', ',h.ouchen,');
    edit(f, 'users.csv', 'D130245873', 'D13024587');
    edit(f, 'users.csv', 'Driss Idrissi,+212 670 118 902,granted', 'Driss Idrissi,+212 670 118 902,yes');
    edit(f, 'users.csv', 'حمزة بوطالب,M,', 'حمزة بوطالب,X,');
    edit(f, 'enrollments.csv', 'enr-02,,,', 'enr-02,deleted,,');
    f['enrollments.csv'] += 'enr-99,,,cls-zag-math-5ap,sch-zag-01,stu-nope,student,false,,\n';

    const problems = await problemsOf(zipFiles(f));
    expect(problems.map(where)).toEqual([
      'orgs.csv:5 sourcedId',
      'orgs.csv:6 type',
      'orgs.csv:7 metadata.lawh.region',
      'orgs.csv:7 metadata.lawh.province',
      'academicSessions.csv:5 type',
      'courses.csv:5 grades',
      'courses.csv:5 subjects',
      'classes.csv:4 schoolSourcedId',
      'users.csv:3 username',
      'users.csv:7 identifier',
      'users.csv:8 metadata.lawh.consentStatus',
      'users.csv:9 metadata.lawh.sex',
      'enrollments.csv:6 status',
      'enrollments.csv:21 userSourcedId',
    ]);
    const message = (w: string) => problems.find((p) => where(p) === w)?.message;
    expect(message('orgs.csv:5 sourcedId')).toMatch(/already used on line 3/);
    expect(message('academicSessions.csv:5 type')).toMatch(/semester sessions are not supported/);
    expect(message('users.csv:3 username')).toMatch(/"h\.ouchen" is also used on line 2/);
    expect(message('classes.csv:4 schoolSourcedId')).toMatch(
      /School "sch-nope" is neither in orgs\.csv nor in Lawh/,
    );
  });

  it('a username, Massar code or school code already held in Lawh is refused', async () => {
    await insertSchool(t.db, { code: 'ZAG-TMG-01' });
    await insertUser(t.db, 'teacher', null, { username: 'h.ouchen' });
    await insertUser(t.db, 'learner', null, { massarCode: 'K140378121' });
    const problems = await problemsOf(zipFiles(fixtureFiles()));
    expect(problems.map(where)).toEqual([
      'orgs.csv:3 identifier',
      'users.csv:2 username',
      'users.csv:12 identifier',
    ]);
    expect(problems[2]!.message).toMatch(/Massar code "K140378121" already belongs to someone else/);
  });

  it('a roster cannot turn a learner into a teacher, nor enrol people across schools or roles', async () => {
    expect((await uploadRoster(admin, zipFiles(fixtureFiles()))).statusCode).toBe(200);
    const f = fixtureFiles();
    edit(
      f,
      'users.csv',
      'stu-01,,,true,sch-zag-01,student,,',
      'stu-01,,,true,sch-zag-01,teacher,y.aitbrahim,',
    );
    f['enrollments.csv'] += [
      'enr-90,,,cls-azl-french-6ap,sch-azl-01,stu-02,student,false,,',
      'enr-91,,,cls-zag-math-5ap,sch-zag-01,stu-03,teacher,false,,',
      'enr-92,,,cls-zag-math-5ap,sch-azl-01,stu-04,student,false,,',
      'enr-93,,,cls-zag-math-5ap,sch-zag-01,stu-02,student,false,,',
      '',
    ].join('\n');
    const res = await uploadRoster(admin, zipFiles(f));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems.map(where)).toEqual([
      'users.csv:5 role',
      'enrollments.csv:21 userSourcedId',
      'enrollments.csv:22 role',
      'enrollments.csv:23 schoolSourcedId',
      'enrollments.csv:24 userSourcedId',
    ]);
    expect(res.json().error.details.problems[4].message).toMatch(
      /already enrolled in "cls-zag-math-5ap" on line 7/,
    );
  });

  it('a missing manifest, file or column is named', async () => {
    const noManifest = fixtureFiles();
    delete noManifest['manifest.csv'];
    expect((await problemsOf(zipFiles(noManifest))).map(where)).toEqual(['manifest.csv:- -']);

    const f = fixtureFiles();
    delete f['users.csv'];
    edit(f, 'classes.csv', ',termSourcedIds,', ',terms,');
    const problems = await problemsOf(zipFiles(f));
    // Enrolments point at people in the missing file: those references are not reported again.
    expect(problems.map(where)).toEqual(['classes.csv:1 termSourcedIds', 'users.csv:- -']);
    expect(problems[1]!.message).toMatch(/listed as bulk in manifest\.csv but is not in the roster/);
  });

  it('delta files and other OneRoster versions are refused', async () => {
    const f = fixtureFiles();
    edit(f, 'manifest.csv', 'oneroster.version,1.1', 'oneroster.version,1.2');
    edit(f, 'manifest.csv', 'file.users,bulk', 'file.users,delta');
    const problems = await problemsOf(zipFiles(f));
    expect(problems.map(where)).toEqual(['manifest.csv:3 value', 'manifest.csv:16 value']);
    expect(problems[1]!.message).toMatch(/delta: only bulk rosters can be imported/);
  });

  it('UTF-8 with or without a BOM imports; a file in another encoding is named with its line', async () => {
    const f = fixtureFiles();
    expect(f['users.csv']!.startsWith('\uFEFF')).toBe(true);
    f['users.csv'] = f['users.csv']!.slice(1);
    f['orgs.csv'] = `\uFEFF${f['orgs.csv']}`;
    expect((await uploadRoster(admin, zipFiles(f), '?dryRun=true')).statusCode).toBe(200);

    // Windows-1252, as Excel saves "CSV" by default: É is one byte that UTF-8 cannot start with.
    const latin = fixtureFiles()['courses.csv']!;
    const problems = await problemsOf(
      zipFiles({ ...fixtureFiles(), 'courses.csv': Buffer.from(latin, 'latin1') }),
    );
    expect(problems).toEqual([
      { file: 'courses.csv', line: 2, column: null, message: expect.stringMatching(/not UTF-8/) },
    ]);
  });

  it('malformed CSV is reported with the line where the broken value starts', async () => {
    const f = fixtureFiles();
    edit(f, 'classes.csv', 'cls-zag-arabic-5ap,,,5AP Arabe', 'cls-zag-arabic-5ap,,,"5AP Arabe');
    const problems = await problemsOf(zipFiles(f));
    expect(problems.map(where)).toEqual(['classes.csv:3 -']);
    expect(problems.find((p) => p.file === 'classes.csv')!.message).toMatch(/never closed/);
  });

  it('a zip with unsafe names, too much data, an unknown compression or no zip at all is refused', async () => {
    const traversal = zipFiles({ ...fixtureFiles(), '../../etc/orgs.csv': 'x' });
    expect((await problemsOf(traversal))[0]!.message).toMatch(
      /unsafe file names \(\.\.\/\.\.\/etc\/orgs\.csv\)/,
    );

    // 51 MB of zeros compresses to ~50 KB: the declared size gives it away before inflating.
    const bomb = zipSync(
      {
        ...Object.fromEntries(Object.entries(fixtureFiles()).map(([n, v]) => [n, strToU8(v)])),
        'pad.csv': new Uint8Array(51 * 2 ** 20),
      },
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await problemsOf(bomb))[0]!.message).toMatch(/at most 50 MB/);

    // A compression method other than deflate (14 = LZMA), as 7-Zip can write.
    const lzma = zipFiles(fixtureFiles());
    const view = new DataView(lzma.buffer, lzma.byteOffset);
    for (let i = lzma.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 14, true);
    expect((await problemsOf(lzma))[0]!.message).toMatch(/cannot be unpacked/);

    const notZip = await problemsOf(strToU8('sourcedId,name\n'));
    expect(notZip).toEqual([
      { file: 'roster.zip', line: null, column: null, message: 'is not a valid zip file' },
    ]);
  });
});
