import type { ImportProblem } from '@lawh/shared';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type {
  AcademicSessionsTable,
  ClassesTable,
  EnrolmentsTable,
  SchoolsTable,
  UsersTable,
} from '../../db/schema';
import type { RosterFile } from './oneroster-format';
import type { CsvRow, CsvTable } from './oneroster-read';

export type SchoolRec = Selectable<SchoolsTable>;
export type SessionRec = Selectable<AcademicSessionsTable>;
export type ClassRec = Selectable<ClassesTable>;
export type UserRec = Selectable<UsersTable>;
export type EnrolmentRec = Selectable<EnrolmentsTable>;

export type SchoolValues = Pick<SchoolRec, 'code' | 'nameAr' | 'nameFr' | 'region' | 'province'>;
export type SessionValues = Pick<SessionRec, 'title' | 'type' | 'startDate' | 'endDate' | 'parentId'>;
export type ClassValues = Pick<ClassRec, 'schoolId' | 'yearId' | 'title' | 'cycle' | 'level' | 'subject'>;
export type UserValues = Pick<
  UserRec,
  | 'role'
  | 'schoolId'
  | 'username'
  | 'nameAr'
  | 'givenName'
  | 'familyName'
  | 'sex'
  | 'birthYear'
  | 'massarCode'
  | 'guardianName'
  | 'guardianPhone'
  | 'consentStatus'
  | 'consentDate'
>;
export type EnrolmentValues = Pick<EnrolmentRec, 'classId' | 'userId' | 'role'>;

/**
 * What the database holds for the keys the files mention. A row's roster key is its sourcedId, or
 * its id when it has none (that is what an export writes, so an export imports back onto itself).
 */
export interface Existing {
  schools: Map<string, SchoolRec>;
  sessions: Map<string, SessionRec>;
  classes: Map<string, ClassRec>;
  users: Map<string, UserRec>;
  enrolments: Map<string, EnrolmentRec>;
  /** Who holds each unique value the files use: value → row id. */
  schoolCodes: Map<string, string>;
  usernames: Map<string, string>;
  massarCodes: Map<string, string>;
  /** `${classId} ${userId}` → enrolment id, for the classes the files mention. */
  enrolmentPairs: Map<string, string>;
}

/** One row of the roster as it should be after the import. */
export interface Planned<R, V> {
  id: string;
  key: string;
  existing: R | undefined;
  values: V;
  archived: boolean;
}

export interface RosterModel {
  schools: Array<Planned<SchoolRec, SchoolValues>>;
  /** School years before terms, so a term's parent is written first. */
  sessions: Array<Planned<SessionRec, SessionValues>>;
  classes: Array<Planned<ClassRec, ClassValues>>;
  users: Array<Planned<UserRec, UserValues>>;
  enrolments: Array<Planned<EnrolmentRec, EnrolmentValues>>;
}

/** Problem collection and the cell checks every file shares. */
export class Checker {
  readonly problems: ImportProblem[] = [];

  constructor(readonly table: CsvTable) {}

  report(row: CsvRow | null, column: string | null, message: string): void {
    this.problems.push({ file: this.table.file, line: row?.line ?? null, column, message });
  }

  cell(row: CsvRow, column: string): string {
    return row.cells.get(column) ?? '';
  }

  required(row: CsvRow, column: string): string | null {
    const v = this.cell(row, column);
    if (!v) this.report(row, column, 'is required');
    return v || null;
  }

  /** Parses with a shared schema so the rules match the forms in the web app. */
  parsed<T>(row: CsvRow, column: string, schema: z.ZodType<T>, value: string): T | null {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    this.report(row, column, `"${value}": ${r.error.issues[0]?.message ?? 'invalid'}`);
    return null;
  }

  oneOf<T extends string>(row: CsvRow, column: string, allowed: readonly T[], value: string): T | null {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(row, column, `"${value}" is not one of ${allowed.join(', ')}`);
    return null;
  }

  /** `tobedeleted` archives the row; blank or `active` keeps (or brings back) it. */
  archived(row: CsvRow): boolean {
    const s = this.cell(row, 'status').toLowerCase();
    if (s === 'tobedeleted') return true;
    if (s && s !== 'active') this.report(row, 'status', `"${s}" is not one of active, tobedeleted`);
    return false;
  }

  /** The row's sourcedId, or null (reported) when it is missing, malformed or used twice. */
  key(row: CsvRow, seen: Map<string, number>): string | null {
    const key = this.required(row, 'sourcedId');
    if (key === null) return null;
    if (key.length > 255 || /[\p{Cc},]/u.test(key)) {
      this.report(
        row,
        'sourcedId',
        `"${key.slice(0, 40)}" is not a usable id (at most 255 characters, no commas)`,
      );
      return null;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      this.report(row, 'sourcedId', `"${key}" is already used on line ${first}`);
      return null;
    }
    seen.set(key, row.line);
    return key;
  }

  /** A value that must be unique: not twice in the files, not held by another row in the database. */
  unique(
    row: CsvRow,
    column: string,
    value: string,
    inFiles: Map<string, number>,
    holders: Map<string, string>,
    selfId: string | undefined,
    what: string,
  ): void {
    const first = inFiles.get(value);
    if (first !== undefined) this.report(row, column, `${what} "${value}" is also used on line ${first}`);
    else inFiles.set(value, row.line);
    const holder = holders.get(value);
    if (holder !== undefined && holder !== selfId)
      this.report(row, column, `${what} "${value}" already belongs to someone else in Lawh`);
  }
}

/** How a reference resolved: to a row, to a row whose own line has problems, or to nothing. */
export type Ref<T> = { row: T } | 'unusable' | 'unknown';

export interface Course {
  level: string;
  subject: string;
}

/** What each file resolved to, so later files can point at earlier ones. null = the row had problems. */
export interface Resolved {
  existing: Existing;
  broken: Set<RosterFile>;
  makeId: () => string;
  schools: Map<string, Planned<SchoolRec, SchoolValues> | null>;
  /** Districts, states…: valid orgs that are not schools. key → type. */
  otherOrgs: Map<string, string>;
  sessions: Map<string, Planned<SessionRec, SessionValues> | null>;
  courses: Map<string, Course | null>;
  classes: Map<string, Planned<ClassRec, ClassValues> | null>;
  users: Map<string, Planned<UserRec, UserValues> | null>;
  /** Guardians, aides…: valid people Lawh does not keep. key → role. */
  otherUsers: Map<string, string>;
}

export function resolve<R, V extends object>(
  file: ReadonlyMap<string, Planned<R, V> | null>,
  db: ReadonlyMap<string, V & { id: string }>,
  isBroken: boolean,
  key: string,
): Ref<V & { id: string }> {
  const planned = file.get(key);
  if (planned !== undefined) return planned ? { row: { ...planned.values, id: planned.id } } : 'unusable';
  const row = db.get(key);
  if (row) return { row };
  return isBroken ? 'unusable' : 'unknown';
}

export const unknownRef = (what: string, key: string, file: RosterFile) =>
  `${what} "${key}" is neither in ${file}.csv nor in Lawh`;

/** A school reference: its id, or null when it is unknown (reported), not a school, or unusable. */
export function schoolRef(c: Checker, r: Resolved, row: CsvRow, column: string, key: string): string | null {
  const other = r.otherOrgs.get(key);
  if (other) {
    c.report(row, column, `"${key}" is a ${other}, not a school`);
    return null;
  }
  const school = resolve(r.schools, r.existing.schools, r.broken.has('orgs'), key);
  if (school === 'unknown') c.report(row, column, unknownRef('School', key, 'orgs'));
  return typeof school === 'object' ? school.row.id : null;
}
