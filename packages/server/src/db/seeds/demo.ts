import { searchKey } from '@lawh/shared';
import type { Insertable, Kysely } from 'kysely';
import type { Auth } from '../../auth/policy';
import { hashPassword } from '../../features/auth/passwords';
import type { MediaOptions } from '../../features/media/media.options';
import { schoolSearchText } from '../../features/schools/schools.service';
import type { DB } from '../schema';
import { seedDemoClassroom } from './demo-classroom';
import { type DemoContentResult, seedDemoContent } from './demo-content';
import { buildDevices } from './demo-devices';
import {
  buildLearners,
  buildStaff,
  massarCodes,
  type SeedLearner,
  type SeedUser,
  STAFF_CREATED_AT,
  withLogin,
} from './demo-people';
import { CLASS_PLANS, DEMO_SCHOOLS, SUBJECT_TITLES } from './demo-places';
import { createRng, type Rng } from './demo-random';

export interface SeedResult {
  accounts: Array<{ role: string; username: string; name: string }>;
  content: DemoContentResult;
}

/** The password of every demo account; printed by `lawh start` and `lawh seed`. */
export const DEMO_PASSWORD = 'lawh-demo-2026';
// The agreement date: any fixed number works, this one is easy to recognise.
const SEED = 20201215;
// The programme and its schools were set up when the first tablets arrived.
const SETUP_AT = '2021-01-11T08:00:00.000Z';

// Parents before children, for the foreign keys. Media and content go in through their services
// afterwards (demo-content.ts).
const SEEDED = [
  'programmes',
  'schools',
  'academicSessions',
  'users',
  'classes',
  'enrolments',
  'devices',
  'deviceEvents',
] as const;
type SeededTable = (typeof SEEDED)[number];
type Rows = { [T in SeededTable]: Array<Insertable<DB[T]>> };

/** The whole demo programme as rows, built in memory from the fixed seed: same input, same rows. */
export function buildDemo(passwordHash: string): { rows: Rows; accounts: SeedResult['accounts'] } {
  const rng = createRng(SEED);
  const ids = rng.fork('ids');

  const programmeAdmin = buildStaff(rng.fork('admin'), 'programme_admin', 'admin', null, passwordHash);
  programmeAdmin.createdAt = programmeAdmin.updatedAt = SETUP_AT;

  const schools = DEMO_SCHOOLS.map((s) => ({ ...s, id: ids.uuid() }));
  const staffRng = rng.fork('staff');
  const learnerRng = rng.fork('learners');
  const nextMassar = massarCodes(learnerRng);
  const perSchool = schools.map((school, i) => {
    const admin = buildStaff(staffRng, 'school_admin', `directeur${i + 1}`, school.id, passwordHash);
    admin.createdAt = admin.updatedAt = SETUP_AT;
    const teachers = [0, 1, 2].map((t) =>
      buildStaff(staffRng, 'teacher', `prof${i * 3 + t + 1}`, school.id, passwordHash),
    );
    return { school, admin, teachers, learners: buildLearners(learnerRng, school, nextMassar) };
  });

  // The three demo learners: the oldest class of the first school, the one prof1 teaches.
  const first = perSchool[0] as (typeof perSchool)[number];
  const demoLearners = ['6AP', '6AP', '5AP'].map((level, k) => {
    const index = first.learners.findIndex((l) => l.level === level && !l.row.username);
    first.learners[index] = withLogin(first.learners[index] as SeedLearner, `eleve${k + 1}`, passwordHash);
    return first.learners[index] as SeedLearner;
  });

  const sessions = academicSessions(ids);
  const classes: Rows['classes'] = [];
  const enrolments: Rows['enrolments'] = [];
  const enrol = (classId: string, userId: string, role: 'learner' | 'teacher', createdAt: string) =>
    enrolments.push({
      id: ids.uuid(),
      sourcedId: null,
      classId,
      userId,
      role,
      archivedAt: null,
      createdAt,
      updatedAt: createdAt,
    });
  for (const { school, teachers, learners } of perSchool) {
    for (const plan of CLASS_PLANS[school.cycle]) {
      const title = `${plan.level} ${SUBJECT_TITLES[plan.subject]}`;
      const id = ids.uuid();
      classes.push({
        id,
        sourcedId: null,
        schoolId: school.id,
        yearId: sessions.currentYearId,
        title,
        cycle: school.cycle,
        level: plan.level,
        subject: plan.subject,
        searchText: searchKey(title, plan.level, plan.subject),
        archivedAt: null,
        createdAt: STAFF_CREATED_AT,
        updatedAt: STAFF_CREATED_AT,
      });
      enrol(id, (teachers[plan.teacher] as SeedUser).id, 'teacher', STAFF_CREATED_AT);
      for (const l of learners) if (l.level === plan.level) enrol(id, l.row.id, 'learner', l.row.createdAt);
    }
  }

  const deviceRng = rng.fork('devices');
  const { devices, events } = buildDevices(
    deviceRng,
    perSchool.map(({ school, admin, learners }, i) => {
      const granted = learners.filter((l) => l.row.consentStatus === 'granted' && !l.row.username);
      const queue = deviceRng.shuffle(granted.map((l) => l.row));
      return {
        id: school.id,
        adminId: admin.id,
        consenting: i === 0 ? [...demoLearners.map((l) => l.row), ...queue] : queue,
        learners: learners.map((l) => l.row),
      };
    }),
    programmeAdmin.id,
  );

  const rows: Rows = {
    programmes: [
      {
        id: ids.uuid(),
        name: 'Tablets for distance education',
        donor: 'A technology company',
        implementer: 'An intergovernmental education organisation',
        agreementDate: '2020-12-15',
        tabletsGranted: 200,
        createdAt: SETUP_AT,
      },
    ],
    schools: schools.map((s) => ({
      id: s.id,
      sourcedId: null,
      code: s.code,
      nameAr: s.nameAr,
      nameFr: s.nameFr,
      region: s.region,
      province: s.province,
      searchText: schoolSearchText(s),
      archivedAt: null,
      createdAt: SETUP_AT,
      updatedAt: SETUP_AT,
    })),
    academicSessions: sessions.rows,
    users: [
      programmeAdmin,
      ...perSchool.flatMap((p) => [p.admin, ...p.teachers, ...p.learners.map((l) => l.row)]),
    ],
    classes,
    enrolments,
    devices,
    deviceEvents: events,
  };
  return { rows, accounts: demoAccounts(perSchool, classes, enrolments, demoLearners) };
}

function academicSessions(ids: Rng): { rows: Rows['academicSessions']; currentYearId: string } {
  const at = STAFF_CREATED_AT;
  const session = (title: string, startDate: string, endDate: string, parentId: string | null) => ({
    id: ids.uuid(),
    sourcedId: null,
    title,
    type: parentId ? ('term' as const) : ('schoolYear' as const),
    startDate,
    endDate,
    parentId,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  });
  const years = [
    {
      title: '2026-2027',
      start: '2026-09-14',
      end: '2027-06-30',
      terms: [
        ['2026-09-14', '2026-12-19'],
        ['2027-01-04', '2027-03-27'],
        ['2027-04-06', '2027-06-30'],
      ],
    },
    {
      title: '2025-2026',
      start: '2025-09-08',
      end: '2026-06-30',
      terms: [
        ['2025-09-08', '2025-12-20'],
        ['2026-01-05', '2026-03-28'],
        ['2026-04-06', '2026-06-30'],
      ],
    },
  ];
  const rows = years.flatMap((y) => {
    const parent = session(y.title, y.start, y.end, null);
    const terms = y.terms.map(([s, e], k) =>
      session(`Trimestre ${k + 1} (${y.title})`, s as string, e as string, parent.id),
    );
    return [parent, ...terms];
  });
  // The first row is the current school year, which the classes belong to.
  return { rows, currentYearId: rows[0]?.id as string };
}

function demoAccounts(
  perSchool: Array<{ school: { nameFr: string; id: string }; teachers: SeedUser[] }>,
  classes: Rows['classes'],
  enrolments: Rows['enrolments'],
  demoLearners: SeedLearner[],
): SeedResult['accounts'] {
  const first = perSchool[0] as (typeof perSchool)[number];
  const prof1 = first.teachers[0] as SeedUser;
  const taughtIds = new Set(enrolments.filter((e) => e.userId === prof1.id).map((e) => e.classId));
  const taught = classes.filter((c) => taughtIds.has(c.id)).map((c) => c.title);
  const eleve1 = demoLearners[0] as SeedLearner;
  const school = first.school.nameFr;
  return [
    { role: 'programme_admin', username: 'admin', name: 'Programme admin (all 8 schools, 200 tablets)' },
    {
      role: 'school_admin',
      username: 'directeur1',
      name: `School admin, ${school} (directeur1–8: one per school)`,
    },
    {
      role: 'teacher',
      username: prof1.username as string,
      name: `Teacher of ${taught.join(' and ')}, ${school} (prof1–24)`,
    },
    {
      role: 'learner',
      username: 'eleve1',
      name: `${eleve1.row.givenName} ${eleve1.row.familyName}, ${eleve1.level}, ${school} (also eleve2, eleve3)`,
    },
  ];
}

/** One line for the start banner: what the demo library holds and who wrote it. */
export const demoLibraryLine = (c: DemoContentResult) =>
  `Library: ${c.lessons} lessons and ${c.quizzes} quizzes in Arabic, French and Tamazight (fractions, water cycle, first letters), by prof1 and prof3`;

const CHUNK = 200; // rows per INSERT: ≤ 21 columns × 200 stays far below SQLite's 32,766 bind parameters

async function insertChunks<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Array<Insertable<DB[T]>>) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

function teacherAuth(users: Rows['users'], username: string): Auth {
  const u = users.find((row) => row.username === username);
  if (!u?.id || !u.schoolId) throw new Error(`The demo has no teacher ${username}`);
  return { userId: u.id, role: 'teacher', schoolId: u.schoolId };
}

const hasUsers = async (db: Kysely<DB>) =>
  !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());

/**
 * Loads the demo programme into an empty database; returns null when data already exists. Media
 * files go to `media` (default: the configured media folder), where the app must look for them.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, media: MediaOptions = {}): Promise<SeedResult | null> {
  if (await hasUsers(db)) return null;
  // Hashed once for all accounts: argon2 is deliberately slow, and 30+ hashes would delay the first start.
  const { rows, accounts } = buildDemo(await hashPassword(DEMO_PASSWORD));
  return db.transaction().execute(async (trx) => {
    if (await hasUsers(trx)) return null;
    const insertTable = <T extends SeededTable>(table: T) => insertChunks(trx, table, rows[table]);
    for (const table of SEEDED) await insertTable(table);
    const content = await seedDemoContent(
      trx,
      createRng(SEED).fork('content'),
      { maths: teacherAuth(rows.users, 'prof1'), letters: teacherAuth(rows.users, 'prof3') },
      media,
    );
    const classroom = await seedDemoClassroom(
      trx,
      createRng(SEED).fork('classroom'),
      teacherAuth(rows.users, 'prof2'),
    );
    const prof2 = {
      role: 'teacher' as const,
      username: 'prof2',
      name: `Teacher of ${classroom.classTitle}: groups, a task with answers and grades, November's registers`,
    };
    return { accounts: [...accounts.slice(0, 3), prof2, ...accounts.slice(3)], content };
  });
}
