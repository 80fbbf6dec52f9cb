import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONEROSTER_FIXTURE, zipDirectory } from '../../test/helpers-roster';
import { main } from './index';

// The command line on the embedded SQLite database, in a throwaway DATA_DIR.
describe('lawh roster', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lawh-roster-'));
    process.env.DATA_DIR = join(dir, 'data');
    delete process.env.DATABASE_URL;
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const countLine = (entity: string) =>
    out
      .find((l) => l.trim().startsWith(entity))
      ?.replace(/\s+/g, ' ')
      .trim();

  it('imports a folder and prints the counts; a second run changes nothing', async () => {
    expect(await main(['roster', 'import', ONEROSTER_FIXTURE])).toBe(0);
    expect(countLine('learners')).toBe('learners 10 created 0 updated 0 unchanged');
    expect(countLine('enrolments')).toBe('enrolments 19 created 0 updated 0 unchanged');
    out = [];
    expect(await main(['roster', 'import', ONEROSTER_FIXTURE])).toBe(0);
    expect(countLine('learners')).toBe('learners 0 created 0 updated 10 unchanged');
    expect(err).toEqual([]);
  });

  it('imports a zip file', async () => {
    const zip = join(dir, 'roster.zip');
    writeFileSync(zip, zipDirectory(ONEROSTER_FIXTURE));
    expect(await main(['roster', 'import', zip])).toBe(0);
    expect(countLine('schools')).toBe('schools 2 created 0 updated 0 unchanged');
  });

  it('a bad roster prints every problem as file:line column: message, exits 1 and writes nothing', async () => {
    const bad = join(dir, 'bad');
    cpSync(ONEROSTER_FIXTURE, bad, { recursive: true });
    appendFileSync(join(bad, 'enrollments.csv'), 'enr-99,,,cls-nope,sch-zag-01,stu-01,student,false,,\n');
    appendFileSync(join(bad, 'orgs.csv'), 'sch-x,,,École X,school,X-001,,,,,\n');
    expect(await main(['roster', 'import', bad])).toBe(1);
    expect(err).toEqual([
      'orgs.csv:5 metadata.lawh.region: is required for a new school',
      'orgs.csv:5 metadata.lawh.province: is required for a new school',
      'enrollments.csv:21 classSourcedId: Class "cls-nope" is neither in classes.csv nor in Lawh',
      '3 problems found; nothing was imported',
    ]);
    expect(await main(['roster', 'import', ONEROSTER_FIXTURE])).toBe(0);
    expect(countLine('learners')).toBe('learners 10 created 0 updated 0 unchanged');
  });

  it('exports the roster as OneRoster CSV files that import back unchanged', async () => {
    expect(await main(['roster', 'import', ONEROSTER_FIXTURE])).toBe(0);
    const target = join(dir, 'export');
    expect(await main(['roster', 'export', target])).toBe(0);
    expect(readdirSync(target).sort()).toEqual([
      'academicSessions.csv',
      'classes.csv',
      'courses.csv',
      'enrollments.csv',
      'manifest.csv',
      'orgs.csv',
      'users.csv',
    ]);
    out = [];
    expect(await main(['roster', 'import', target])).toBe(0);
    for (const entity of [
      'schools',
      'academicSessions',
      'classes',
      'learners',
      'teachers',
      'schoolAdmins',
      'enrolments',
    ])
      expect(countLine(entity), entity).toMatch(/ 0 created 0 updated \d+ unchanged$/);
  });

  it('explains its usage when the arguments are wrong', async () => {
    expect(await main(['roster'])).toBe(2);
    expect(await main(['roster', 'import', join(dir, 'nowhere')])).toBe(2);
    expect(err.join('\n')).toMatch(/Usage: lawh roster import/);
    expect(err.join('\n')).toMatch(/nowhere: no such file or folder/);
  });
});
