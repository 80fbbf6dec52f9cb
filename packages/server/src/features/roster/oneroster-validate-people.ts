import {
  consentStatus,
  isoDate,
  learnerInput,
  massarCode as massarSchema,
  type Role,
  sex as sexSchema,
  text,
  username as usernameSchema,
} from '@lawh/shared';
import { z } from 'zod';
import { ENROLMENT_ROLES, META, splitList, USER_ROLES } from './oneroster-format';
import {
  Checker,
  type EnrolmentRec,
  type EnrolmentValues,
  type Planned,
  type Resolved,
  resolve,
  schoolRef,
  unknownRef,
} from './oneroster-model';
import type { CsvRow, CsvTable } from './oneroster-read';

const LAWH_ROLE: Partial<Record<string, Role>> = {
  student: 'learner',
  teacher: 'teacher',
  administrator: 'school_admin',
};
const birthYear = z.coerce.number().pipe(learnerInput.shape.birthYear);

export function validateUsers(table: CsvTable, r: Resolved): Checker {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  const usernames = new Map<string, number>();
  const massarCodes = new Map<string, number>();
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    const roleCell = c.required(row, 'role');
    const oneRosterRole = roleCell && c.oneOf(row, 'role', USER_ROLES, roleCell);
    const role = oneRosterRole ? LAWH_ROLE[oneRosterRole] : undefined;
    if (!role) {
      if (oneRosterRole) r.otherUsers.set(key, oneRosterRole);
      else r.users.set(key, null);
      continue;
    }
    const ex = r.existing.users.get(key);
    let ok = true;
    if (ex && ex.role !== role) {
      c.report(row, 'role', `this person is a ${ex.role} in Lawh; a roster cannot change that`);
      ok = false;
    }
    const archived = c.archived(row);
    const schoolId = userSchool(c, r, row);
    const name = (column: string) => {
      const v = c.required(row, column);
      return v && c.parsed(row, column, text(100), v);
    };
    const givenName = name('givenName');
    const familyName = name('familyName');
    // Blank metadata keeps what Lawh already has (an export always fills it in).
    const optional = <T>(column: string, schema: z.ZodType<T>, fallback: T | null): T | null => {
      const v = c.cell(row, column);
      if (!v) return fallback;
      const parsed = c.parsed(row, column, schema, v);
      if (parsed === null) ok = false;
      return parsed;
    };
    const unique = (
      column: string,
      value: string,
      inFiles: Map<string, number>,
      holders: Map<string, string>,
      what: string,
    ) => c.unique(row, column, value, inFiles, holders, ex?.id, what);

    const fullName = givenName && familyName ? `${givenName} ${familyName}` : null;
    const nameAr = optional(META.nameAr, text(200), ex?.nameAr ?? fullName);
    const sex = optional(META.sex, sexSchema, ex?.sex ?? null);
    const usernameCell = c.cell(row, 'username');
    let username = ex?.username ?? null;
    if (role !== 'learner' && !usernameCell)
      c.report(row, 'username', 'is required for teachers and administrators');
    if (usernameCell) {
      username = c.parsed(row, 'username', usernameSchema, usernameCell);
      if (username) unique('username', username, usernames, r.existing.usernames, 'Username');
    }
    const learner = {
      massarCode: null as string | null,
      birthYear: null as number | null,
      guardianName: null as string | null,
      guardianPhone: null as string | null,
      consentStatus: null as z.infer<typeof consentStatus> | null,
      consentDate: null as string | null,
    };
    if (role === 'learner') {
      const identifier = c.cell(row, 'identifier');
      if (!identifier) c.report(row, 'identifier', 'a student needs their Massar code here');
      learner.massarCode = identifier ? c.parsed(row, 'identifier', massarSchema, identifier) : null;
      if (learner.massarCode)
        unique('identifier', learner.massarCode, massarCodes, r.existing.massarCodes, 'Massar code');
      learner.birthYear = optional(META.birthYear, birthYear, ex?.birthYear ?? null);
      learner.guardianName = optional(META.guardianName, text(200), ex?.guardianName ?? null);
      learner.guardianPhone = optional(
        META.guardianPhone,
        learnerInput.shape.guardianPhone.unwrap().unwrap(),
        ex?.guardianPhone ?? null,
      );
      learner.consentStatus = optional(META.consentStatus, consentStatus, ex?.consentStatus ?? 'pending');
      learner.consentDate = optional(META.consentDate, isoDate, ex?.consentDate ?? null);
      if (learner.consentStatus && learner.consentStatus !== 'pending' && !learner.consentDate)
        c.report(row, META.consentDate, `a ${learner.consentStatus} consent needs its date`);
    }
    const done = ok && schoolId && givenName && familyName && nameAr && (username || role === 'learner');
    const complete = done && (role !== 'learner' || (learner.massarCode && learner.consentStatus));
    r.users.set(
      key,
      complete
        ? {
            id: ex?.id ?? r.makeId(),
            key,
            existing: ex,
            archived,
            values: { role, schoolId, username, nameAr, givenName, familyName, sex, ...learner },
          }
        : null,
    );
  }
  return c;
}

/** A person belongs to exactly one school; districts and other orgs in the list are skipped. */
function userSchool(c: Checker, r: Resolved, row: CsvRow): string | null {
  const keys = splitList(c.cell(row, 'orgSourcedIds'));
  if (!keys.length) {
    c.report(row, 'orgSourcedIds', 'is required');
    return null;
  }
  const ids = new Set<string>();
  let unusable = false;
  for (const key of keys) {
    if (r.otherOrgs.has(key)) continue;
    const school = resolve(r.schools, r.existing.schools, r.broken.has('orgs'), key);
    if (school === 'unknown') c.report(row, 'orgSourcedIds', unknownRef('School', key, 'orgs'));
    if (typeof school === 'object') ids.add(school.row.id);
    else unusable = true;
  }
  if (ids.size > 1)
    c.report(row, 'orgSourcedIds', `names ${ids.size} schools; a person belongs to exactly one`);
  if (ids.size === 0 && !unusable) c.report(row, 'orgSourcedIds', 'names no school');
  return ids.size === 1 && !unusable ? [...ids][0]! : null;
}

export function validateEnrollments(
  table: CsvTable,
  r: Resolved,
): { check: Checker; planned: Array<Planned<EnrolmentRec, EnrolmentValues>> } {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  const pairs = new Map<string, number>();
  const planned: Array<Planned<EnrolmentRec, EnrolmentValues>> = [];
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    const roleCell = c.required(row, 'role');
    const oneRosterRole = roleCell && c.oneOf(row, 'role', ENROLMENT_ROLES, roleCell);
    const role = oneRosterRole === 'student' ? 'learner' : oneRosterRole === 'teacher' ? 'teacher' : null;
    // Administrators and proctors of a class have no place in Lawh's classes: skipped, not an error.
    if (oneRosterRole && !role) continue;
    const ex = r.existing.enrolments.get(key);
    const archived = c.archived(row);

    const classKey = c.required(row, 'classSourcedId');
    const cls = classKey ? resolve(r.classes, r.existing.classes, r.broken.has('classes'), classKey) : null;
    if (cls === 'unknown') c.report(row, 'classSourcedId', unknownRef('Class', classKey!, 'classes'));

    const userKey = c.required(row, 'userSourcedId');
    const other = userKey ? r.otherUsers.get(userKey) : undefined;
    if (other)
      c.report(row, 'userSourcedId', `"${userKey}" is a ${other}; only students and teachers are enrolled`);
    const user =
      userKey && !other ? resolve(r.users, r.existing.users, r.broken.has('users'), userKey) : null;
    if (user === 'unknown') c.report(row, 'userSourcedId', unknownRef('Person', userKey!, 'users'));

    const schoolKey = c.required(row, 'schoolSourcedId');
    const schoolId = schoolKey ? schoolRef(c, r, row, 'schoolSourcedId', schoolKey) : null;
    const klass = typeof cls === 'object' && cls ? cls.row : null;
    const person = typeof user === 'object' && user ? user.row : null;
    let ok = !!role && !!schoolId;
    if (klass && schoolId && schoolId !== klass.schoolId) {
      c.report(row, 'schoolSourcedId', `"${schoolKey}" is not the school of class "${classKey}"`);
      ok = false;
    }
    if (person && role) {
      const fits =
        role === 'learner' ? person.role === 'learner' : ['teacher', 'school_admin'].includes(person.role);
      if (!fits) {
        c.report(
          row,
          'role',
          `"${userKey}" is a ${person.role} in Lawh and cannot be enrolled as a ${oneRosterRole}`,
        );
        ok = false;
      }
    }
    if (person && klass && person.schoolId !== klass.schoolId) {
      c.report(row, 'userSourcedId', `"${userKey}" is not at the school of class "${classKey}"`);
      ok = false;
    }
    if (!(ok && person && klass && role)) continue;
    const pair = `${klass.id} ${person.id}`;
    const first = pairs.get(pair);
    const holder = r.existing.enrolmentPairs.get(pair);
    if (first !== undefined)
      c.report(row, 'userSourcedId', `"${userKey}" is already enrolled in "${classKey}" on line ${first}`);
    else if (holder !== undefined && holder !== ex?.id)
      c.report(
        row,
        'userSourcedId',
        `"${userKey}" is already enrolled in "${classKey}" by an enrolment this roster does not list`,
      );
    else {
      pairs.set(pair, row.line);
      planned.push({
        id: ex?.id ?? r.makeId(),
        key,
        existing: ex,
        archived,
        values: { classId: klass.id, userId: person.id, role },
      });
    }
  }
  return { check: c, planned };
}
