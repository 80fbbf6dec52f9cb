import {
  type ImportProblem,
  isoDate,
  newId,
  REGIONS,
  SUBJECTS,
  schoolCode,
  sessionType,
  text,
} from '@lawh/shared';
import {
  CLASS_TYPES,
  cycleOf,
  gradeToLevel,
  META,
  ORG_TYPES,
  SESSION_TYPES,
  splitList,
} from './oneroster-format';
import {
  Checker,
  type Existing,
  type Planned,
  type Resolved,
  type RosterModel,
  resolve,
  type SessionRec,
  type SessionValues,
  schoolRef,
  unknownRef,
} from './oneroster-model';
import type { CsvTable, RosterTables } from './oneroster-read';
import { validateEnrollments, validateUsers } from './oneroster-validate-people';

/**
 * Rows → the roster as it should be, plus every problem found. Pure: the database is consulted
 * beforehand (`Existing`), so the same files and the same database always give the same answer.
 */
export function validateRoster(
  input: Pick<RosterTables, 'tables' | 'broken'>,
  existing: Existing,
  makeId: () => string = newId,
): { model: RosterModel; problems: ImportProblem[] } {
  const r: Resolved = {
    existing,
    broken: input.broken,
    makeId,
    schools: new Map(),
    otherOrgs: new Map(),
    sessions: new Map(),
    courses: new Map(),
    classes: new Map(),
    users: new Map(),
    otherUsers: new Map(),
  };
  const t = input.tables;
  const checkers = [
    t.orgs && validateOrgs(t.orgs, r),
    t.academicSessions && validateSessions(t.academicSessions, r),
    t.courses && validateCourses(t.courses, r),
    t.classes && validateClasses(t.classes, r),
    t.users && validateUsers(t.users, r),
  ];
  const enrolments = t.enrollments ? validateEnrollments(t.enrollments, r) : null;
  const problems = [...checkers, enrolments?.check].flatMap((c) => c?.problems ?? []);
  const planned = <R, V>(m: Map<string, Planned<R, V> | null>) =>
    [...m.values()].filter((p): p is Planned<R, V> => p !== null);
  const sessions = planned(r.sessions);
  return {
    problems,
    model: {
      schools: planned(r.schools),
      sessions: [
        ...sessions.filter((s) => s.values.type === 'schoolYear'),
        ...sessions.filter((s) => s.values.type === 'term'),
      ],
      classes: planned(r.classes),
      users: planned(r.users),
      enrolments: enrolments?.planned ?? [],
    },
  };
}

function validateOrgs(table: CsvTable, r: Resolved): Checker {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    const typeCell = c.required(row, 'type');
    const type = typeCell && c.oneOf(row, 'type', ORG_TYPES, typeCell);
    if (type !== 'school') {
      if (type) r.otherOrgs.set(key, type);
      else r.schools.set(key, null);
      continue;
    }
    const ex = r.existing.schools.get(key);
    const archived = c.archived(row);
    const identifier = c.required(row, 'identifier');
    const code = identifier && c.parsed(row, 'identifier', schoolCode, identifier);
    if (code) c.unique(row, 'identifier', code, codes, r.existing.schoolCodes, ex?.id, 'School code');
    const nameCell = c.required(row, 'name');
    const name = nameCell && c.parsed(row, 'name', text(200), nameCell);
    // Blank metadata keeps what Lawh already has; a new school must bring its region and province.
    const meta = (
      column: string,
      fallback: string | null | undefined,
      schema = text(200),
      needed = false,
    ) => {
      const v = c.cell(row, column);
      if (v) return c.parsed(row, column, schema, v);
      if (!fallback && needed) c.report(row, column, 'is required for a new school');
      return fallback ?? null;
    };
    const nameAr = meta(META.nameAr, ex?.nameAr ?? name);
    const nameFr = meta(META.nameFr, name);
    const region = meta(META.region, ex?.region, regionSchema, true);
    const province = meta(META.province, ex?.province, text(100), true);
    const ok = code && name && nameAr && nameFr && region && province;
    r.schools.set(
      key,
      ok
        ? {
            id: ex?.id ?? r.makeId(),
            key,
            existing: ex,
            archived,
            values: { code, nameAr, nameFr, region, province },
          }
        : null,
    );
  }
  return c;
}

const regionSchema = text(60).refine((v) => (REGIONS as readonly string[]).includes(v), {
  message: `must be one of ${REGIONS.join(', ')}`,
});

function validateSessions(table: CsvTable, r: Resolved): Checker {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  const parents: Array<[Planned<SessionRec, SessionValues>, (typeof table.rows)[number]]> = [];
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    const ex = r.existing.sessions.get(key);
    const archived = c.archived(row);
    const typeCell = c.required(row, 'type');
    let type = typeCell && c.oneOf(row, 'type', SESSION_TYPES, typeCell);
    if (type && !sessionType.safeParse(type).success) {
      c.report(row, 'type', `${type} sessions are not supported: use schoolYear and term`);
      type = null;
    }
    if (type && ex && ex.type !== type) {
      c.report(row, 'type', `this session is a ${ex.type} in Lawh; a roster cannot change that`);
      type = null;
    }
    const titleCell = c.required(row, 'title');
    const title = titleCell && c.parsed(row, 'title', text(100), titleCell);
    const date = (column: string) => {
      const v = c.required(row, column);
      return v && c.parsed(row, column, isoDate, v);
    };
    const startDate = date('startDate');
    const endDate = date('endDate');
    if (startDate && endDate && startDate >= endDate) c.report(row, 'endDate', 'must be after startDate');
    const parent = c.cell(row, 'parentSourcedId');
    if (type === 'schoolYear' && parent) c.report(row, 'parentSourcedId', 'a school year has no parent');
    if (type === 'term' && !parent) c.report(row, 'parentSourcedId', 'a term belongs to a school year');
    const ok = type && title && startDate && endDate && startDate < endDate && (type === 'term') === !!parent;
    if (!ok) {
      r.sessions.set(key, null);
      continue;
    }
    const planned: Planned<SessionRec, SessionValues> = {
      id: ex?.id ?? r.makeId(),
      key,
      existing: ex,
      archived,
      values: { title, type: type as SessionValues['type'], startDate, endDate, parentId: null },
    };
    r.sessions.set(key, planned);
    if (type === 'term') parents.push([planned, row]);
  }
  // Terms may come before their year in the file, so parents are resolved once every row is known.
  for (const [planned, row] of parents) {
    const key = c.cell(row, 'parentSourcedId');
    const parent = resolve(r.sessions, r.existing.sessions, r.broken.has('academicSessions'), key);
    if (parent === 'unknown')
      c.report(row, 'parentSourcedId', unknownRef('School year', key, 'academicSessions'));
    else if (parent !== 'unusable' && parent.row.type !== 'schoolYear')
      c.report(row, 'parentSourcedId', `"${key}" is a ${parent.row.type}, not a schoolYear`);
    if (parent === 'unknown' || parent === 'unusable' || parent.row.type !== 'schoolYear')
      r.sessions.set(planned.key, null);
    else planned.values.parentId = parent.row.id;
  }
  return c;
}

/** Courses are not stored: they only say which subject and level their classes teach. */
function validateCourses(table: CsvTable, r: Resolved): Checker {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    c.required(row, 'title');
    const single = (column: string, what: string) => {
      const v = c.cell(row, column);
      if (splitList(v).length > 1) c.report(row, column, `one ${what} per course, found "${v}"`);
      return splitList(v).length === 1 ? v : null;
    };
    const levelColumn = c.cell(row, META.level) ? META.level : 'grades';
    const grade = single(levelColumn, 'grade');
    const level = grade && gradeToLevel(grade);
    if (!grade && !c.cell(row, levelColumn)) c.report(row, levelColumn, 'is required');
    if (grade && !level)
      c.report(row, levelColumn, `"${grade}" is not a grade 01–12 nor a Lawh level (1AP … 2BAC)`);
    const subjectColumn = c.cell(row, META.subject) ? META.subject : 'subjects';
    const subjectCell = single(subjectColumn, 'subject');
    if (!subjectCell && !c.cell(row, subjectColumn)) c.report(row, subjectColumn, 'is required');
    const subject = subjectCell && c.oneOf(row, subjectColumn, SUBJECTS, subjectCell.toLowerCase());
    r.courses.set(key, level && subject ? { level, subject } : null);
  }
  return c;
}

function validateClasses(table: CsvTable, r: Resolved): Checker {
  const c = new Checker(table);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const key = c.key(row, seen);
    if (key === null) continue;
    const ex = r.existing.classes.get(key);
    const archived = c.archived(row);
    const titleCell = c.required(row, 'title');
    const title = titleCell && c.parsed(row, 'title', text(100), titleCell);
    const classType = c.cell(row, 'classType');
    if (classType) c.oneOf(row, 'classType', CLASS_TYPES, classType);

    const courseKey = c.required(row, 'courseSourcedId');
    const course = courseKey ? r.courses.get(courseKey) : null;
    if (courseKey && course === undefined && !r.broken.has('courses'))
      c.report(row, 'courseSourcedId', `Course "${courseKey}" is not in courses.csv`);

    const schoolKey = c.required(row, 'schoolSourcedId');
    const school = schoolKey ? schoolRef(c, r, row, 'schoolSourcedId', schoolKey) : null;

    const termKey = splitList(c.cell(row, 'termSourcedIds'))[0];
    if (!termKey) c.report(row, 'termSourcedIds', 'is required');
    let yearId: string | null = null;
    if (termKey) {
      const term = resolve(r.sessions, r.existing.sessions, r.broken.has('academicSessions'), termKey);
      if (term === 'unknown')
        c.report(row, 'termSourcedIds', unknownRef('Session', termKey, 'academicSessions'));
      else if (term !== 'unusable') yearId = term.row.type === 'schoolYear' ? term.row.id : term.row.parentId;
    }
    r.classes.set(
      key,
      title && course && school && yearId
        ? {
            id: ex?.id ?? r.makeId(),
            key,
            existing: ex,
            archived,
            values: {
              schoolId: school,
              yearId,
              title,
              cycle: cycleOf(course.level),
              level: course.level,
              subject: course.subject,
            },
          }
        : null,
    );
  }
  return c;
}
