import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { type Auth, assertProgrammeAdmin } from '../../auth/policy';
import type { DB } from '../../db/schema';
import {
  fileName,
  levelToGrade,
  MANIFEST_FILES,
  META,
  ORG_META,
  ROSTER_FILES,
  type RosterFile,
  SPEC_COLUMNS,
  USER_META,
} from './oneroster-format';
import { rosterRepository as repo } from './roster.repository';

type Cells = Record<string, string | number | null>;

const ONEROSTER_ROLE = { learner: 'student', teacher: 'teacher', school_admin: 'administrator' } as const;

/** A row's sourcedId in the files: its own, or its id when it was made in Lawh. */
const keyOf = (row: { id: string; sourcedId: string | null }) => row.sourcedId ?? row.id;
const status = (row: { archivedAt: string | null }) => (row.archivedAt ? 'tobedeleted' : 'active');

/**
 * OneRoster 1.1 CSV out: the manifest and the six roster files, with Lawh's own fields in
 * `metadata.lawh.*` columns, so that importing an export reproduces the roster exactly.
 */
export function rosterExportService(db: Kysely<DB>) {
  const files = async (auth: Auth): Promise<Record<string, string>> => {
    assertProgrammeAdmin(auth);
    const all = await repo.everything(db);
    const keys = (rows: Array<{ id: string; sourcedId: string | null }>) =>
      new Map(rows.map((r) => [r.id, keyOf(r)]));
    const schoolKey = keys(all.schools);
    const sessionKey = keys(all.sessions);
    const classKey = keys(all.classes);
    const userKey = keys(all.users);
    const yearEnd = new Map(all.sessions.map((s) => [s.id, s.endDate.slice(0, 4)]));

    const orgs = all.schools.map<Cells>((s) => ({
      sourcedId: keyOf(s),
      status: status(s),
      dateLastModified: s.updatedAt,
      name: s.nameFr,
      type: 'school',
      identifier: s.code,
      [META.nameAr]: s.nameAr,
      [META.nameFr]: s.nameFr,
      [META.region]: s.region,
      [META.province]: s.province,
    }));
    const academicSessions = all.sessions.map<Cells>((s) => ({
      sourcedId: keyOf(s),
      status: status(s),
      dateLastModified: s.updatedAt,
      title: s.title,
      type: s.type,
      startDate: s.startDate,
      endDate: s.endDate,
      parentSourcedId: s.parentId ? (sessionKey.get(s.parentId) ?? '') : '',
      schoolYear: yearEnd.get(s.parentId ?? s.id) ?? '',
    }));
    // Lawh has no courses: each school's (level, subject) pairs become one course each.
    const courseKey = (c: { schoolId: string; level: string; subject: string }) =>
      `${schoolKey.get(c.schoolId)}.${c.level}.${c.subject}`;
    const courses = new Map<string, Cells>();
    for (const c of all.classes)
      courses.set(courseKey(c), {
        sourcedId: courseKey(c),
        status: 'active',
        title: `${c.subject} ${c.level}`,
        courseCode: `${c.level}-${c.subject}`,
        grades: levelToGrade(c.level),
        orgSourcedId: schoolKey.get(c.schoolId) ?? '',
        subjects: c.subject,
      });
    const classes = all.classes.map<Cells>((c) => ({
      sourcedId: keyOf(c),
      status: status(c),
      dateLastModified: c.updatedAt,
      title: c.title,
      grades: levelToGrade(c.level),
      courseSourcedId: courseKey(c),
      classType: 'scheduled',
      schoolSourcedId: schoolKey.get(c.schoolId) ?? '',
      termSourcedIds: sessionKey.get(c.yearId) ?? '',
      subjects: c.subject,
    }));
    const users = all.users.map<Cells>((u) => ({
      sourcedId: keyOf(u),
      status: status(u),
      dateLastModified: u.updatedAt,
      enabledUser: u.archivedAt ? 'false' : 'true',
      orgSourcedIds: schoolKey.get(u.schoolId ?? '') ?? '',
      role: ONEROSTER_ROLE[u.role as keyof typeof ONEROSTER_ROLE],
      username: u.username,
      givenName: u.givenName,
      familyName: u.familyName,
      identifier: u.massarCode,
      [META.nameAr]: u.nameAr,
      [META.sex]: u.sex,
      [META.birthYear]: u.birthYear,
      [META.guardianName]: u.guardianName,
      [META.guardianPhone]: u.guardianPhone,
      [META.consentStatus]: u.role === 'learner' ? u.consentStatus : null,
      [META.consentDate]: u.consentDate,
    }));
    const classSchool = new Map(all.classes.map((c) => [c.id, schoolKey.get(c.schoolId) ?? '']));
    const enrollments = all.enrolments
      .filter((e) => userKey.has(e.userId))
      .map<Cells>((e) => ({
        sourcedId: keyOf(e),
        status: status(e),
        dateLastModified: e.updatedAt,
        classSourcedId: classKey.get(e.classId) ?? '',
        schoolSourcedId: classSchool.get(e.classId) ?? '',
        userSourcedId: userKey.get(e.userId) ?? '',
        role: e.role === 'learner' ? 'student' : 'teacher',
      }));

    const rows: Record<RosterFile, Cells[]> = {
      orgs,
      academicSessions,
      courses: [...courses.values()],
      classes,
      users,
      enrollments,
    };
    const extra: Partial<Record<RosterFile, readonly string[]>> = { orgs: ORG_META, users: USER_META };
    const out: Record<string, string> = {
      [fileName('manifest')]: csv(['propertyName', 'value'], manifest()),
    };
    for (const f of ROSTER_FILES) {
      const sorted = rows[f].sort((a, b) => String(a.sourcedId).localeCompare(String(b.sourcedId)));
      out[fileName(f)] = csv([...SPEC_COLUMNS[f], ...(extra[f] ?? [])], sorted);
    }
    return out;
  };

  return {
    files,
    async zip(auth: Auth): Promise<Uint8Array> {
      const csvs = await files(auth);
      return zipSync(Object.fromEntries(Object.entries(csvs).map(([name, text]) => [name, strToU8(text)])));
    },
  };
}

function manifest(): Cells[] {
  return [
    { propertyName: 'manifest.version', value: '1.0' },
    { propertyName: 'oneroster.version', value: '1.1' },
    ...MANIFEST_FILES.map((f) => ({
      propertyName: `file.${f}`,
      value: (ROSTER_FILES as readonly string[]).includes(f) ? 'bulk' : 'absent',
    })),
    { propertyName: 'source.systemName', value: 'Lawh' },
    { propertyName: 'source.systemCode', value: 'lawh' },
  ];
}

/** With a BOM: Excel then opens the Arabic names as UTF-8 instead of mangling them. */
const csv = (columns: string[], rows: Cells[]) =>
  stringify(
    rows.map((r) => columns.map((c) => r[c] ?? '')),
    { header: true, columns, bom: true },
  );
