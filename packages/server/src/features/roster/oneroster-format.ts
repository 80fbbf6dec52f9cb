import { LEVELS } from '@lawh/shared';

/**
 * The parts of the OneRoster 1.1 CSV binding that Lawh reads and writes (docs/oneroster.md).
 * Column lists are the spec's, in the spec's order; Lawh-only facts travel in `metadata.lawh.*`
 * extension columns, which the spec allows after the standard ones.
 */

export const ROSTER_FILES = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
] as const;
export type RosterFile = (typeof ROSTER_FILES)[number];
export const fileName = (f: RosterFile | 'manifest') => `${f}.csv`;

/** Every data file the manifest may list; the ones Lawh does not use are accepted and skipped. */
export const MANIFEST_FILES = [
  'academicSessions',
  'categories',
  'classes',
  'classResources',
  'courses',
  'courseResources',
  'demographics',
  'enrollments',
  'lineItems',
  'orgs',
  'resources',
  'results',
  'users',
] as const;

export const SPEC_COLUMNS: Record<RosterFile, readonly string[]> = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'type',
    'startDate',
    'endDate',
    'parentSourcedId',
    'schoolYear',
  ],
  courses: [
    'sourcedId',
    'status',
    'dateLastModified',
    'schoolYearSourcedId',
    'title',
    'courseCode',
    'grades',
    'orgSourcedId',
    'subjects',
    'subjectCodes',
  ],
  classes: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'grades',
    'courseSourcedId',
    'classCode',
    'classType',
    'location',
    'schoolSourcedId',
    'termSourcedIds',
    'subjects',
    'subjectCodes',
    'periods',
  ],
  users: [
    'sourcedId',
    'status',
    'dateLastModified',
    'enabledUser',
    'orgSourcedIds',
    'role',
    'username',
    'userIds',
    'givenName',
    'familyName',
    'middleName',
    'identifier',
    'email',
    'sms',
    'phone',
    'agentSourcedIds',
    'grades',
    'password',
  ],
  enrollments: [
    'sourcedId',
    'status',
    'dateLastModified',
    'classSourcedId',
    'schoolSourcedId',
    'userSourcedId',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
};

/** Columns an import cannot do without; the others may be left out of the header. */
export const REQUIRED_COLUMNS: Record<RosterFile, readonly string[]> = {
  orgs: ['sourcedId', 'name', 'type', 'identifier'],
  academicSessions: ['sourcedId', 'title', 'type', 'startDate', 'endDate'],
  courses: ['sourcedId', 'title', 'grades', 'subjects'],
  classes: ['sourcedId', 'title', 'courseSourcedId', 'schoolSourcedId', 'termSourcedIds'],
  users: ['sourcedId', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName', 'identifier'],
  enrollments: ['sourcedId', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
};

export const META = {
  nameAr: 'metadata.lawh.nameAr',
  nameFr: 'metadata.lawh.nameFr',
  region: 'metadata.lawh.region',
  province: 'metadata.lawh.province',
  level: 'metadata.lawh.level',
  subject: 'metadata.lawh.subject',
  sex: 'metadata.lawh.sex',
  birthYear: 'metadata.lawh.birthYear',
  guardianName: 'metadata.lawh.guardianName',
  guardianPhone: 'metadata.lawh.guardianPhone',
  consentStatus: 'metadata.lawh.consentStatus',
  consentDate: 'metadata.lawh.consentDate',
} as const;

export const ORG_META = [META.nameAr, META.nameFr, META.region, META.province] as const;
export const USER_META = [
  META.nameAr,
  META.sex,
  META.birthYear,
  META.guardianName,
  META.guardianPhone,
  META.consentStatus,
  META.consentDate,
] as const;

/** OneRoster vocabularies: a value outside these is an error; a value Lawh does not use is skipped. */
export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;
export const SESSION_TYPES = ['schoolYear', 'term', 'semester', 'gradingPeriod'] as const;
export const USER_ROLES = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
] as const;
export const ENROLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const;
export const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
export const STATUSES = ['active', 'tobedeleted'] as const;

/**
 * OneRoster grades are CEDS codes ("01"…"12"). Morocco counts twelve years the same way: six of
 * primaire, three of collège, then tronc commun, 1re and 2e bac.
 */
const LAWH_LEVELS = [...LEVELS.primaire, ...LEVELS.college, ...LEVELS.lycee] as string[];
export const levelToGrade = (level: string) => String(LAWH_LEVELS.indexOf(level) + 1).padStart(2, '0');
export function gradeToLevel(grade: string): string | null {
  if (LAWH_LEVELS.includes(grade)) return grade;
  if (!/^\d{1,2}$/.test(grade)) return null;
  return LAWH_LEVELS[Number(grade) - 1] ?? null;
}
export function cycleOf(level: string): keyof typeof LEVELS {
  for (const [cycle, levels] of Object.entries(LEVELS))
    if ((levels as readonly string[]).includes(level)) return cycle as keyof typeof LEVELS;
  throw new Error(`not a level: ${level}`);
}

/** Lists inside one cell ("t1,t2") are comma separated. */
export const splitList = (cell: string) =>
  cell
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
