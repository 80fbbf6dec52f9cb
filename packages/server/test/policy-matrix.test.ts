import { newId } from '@lawh/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../src/lib/time';
import { type Client, insertSchool, insertUser, signIn, type TestApp, testApp, testDialect } from './helpers';
import { insertClass, insertEnrolment, insertYear } from './roster-fixtures';

/**
 * Who may do what, as one table (auth/policy.ts is the one place these rules live).
 *
 * The world: schools A and B; classes A1 and A2 in A, B1 in B, each with its own teacher and one
 * learner. The actors: the programme admin, the school admin of A, the teacher of A1, a learner of
 * A1, and someone not signed in. Rules a reader should see in the table below:
 * - what you may not see does not exist for you (404), even to change it;
 * - what you may see but not change is a 403;
 * - not signed in is always a 401.
 */
type Actor = 'programme' | 'schoolA' | 'teacherA1' | 'learnerA1' | 'anonymous';
const ACTORS: Actor[] = ['programme', 'schoolA', 'teacherA1', 'learnerA1', 'anonymous'];

/** Which of the world's things each actor sees in a list (by fixture name), or the status it gets. */
// biome-ignore format: a table reads best as one row a line
const LISTS: Array<[string, string, Record<Actor, string[] | 401>]> = [
  ['schools',          '/api/v1/schools',                 { programme: ['A', 'B'],                                schoolA: ['A'],                    teacherA1: ['A'],                    learnerA1: ['A'],   anonymous: 401 }],
  ['classes',          '/api/v1/classes',                 { programme: ['A1', 'A2', 'B1'],                        schoolA: ['A1', 'A2'],             teacherA1: ['A1'],                   learnerA1: ['A1'],  anonymous: 401 }],
  ['learners',         '/api/v1/learners',                { programme: ['lA1', 'lA2', 'lB1'],                     schoolA: ['lA1', 'lA2'],           teacherA1: ['lA1'],                  learnerA1: ['lA1'], anonymous: 401 }],
  ['staff',            '/api/v1/staff',                   { programme: ['adminA', 'adminB', 'tA1', 'tA2', 'tB1'], schoolA: ['adminA', 'tA1', 'tA2'], teacherA1: ['adminA', 'tA1', 'tA2'], learnerA1: ['tA1'], anonymous: 401 }],
  ['enrolments of A1', '/api/v1/classes/{A1}/enrolments', { programme: ['lA1'],                                   schoolA: ['lA1'],                  teacherA1: ['lA1'],                  learnerA1: ['lA1'], anonymous: 401 }],
];

type Fixtures = Record<string, string>;
type Body = (fx: Fixtures) => unknown | Promise<unknown>;
type Statuses = [programme: number, schoolA: number, teacherA1: number, learnerA1: number, anonymous: number];

/** What each actor gets for one request; {name} in a path is the id of that fixture. */
// biome-ignore format: a table reads best as one row a line
const REQUESTS: Array<[string, string, Body | null, Statuses]> = [
  //                                                                                                          prog schA tchr lrnr anon
  ['get school A',                  'GET /api/v1/schools/{A}',               null,                           [200, 200, 200, 200, 401]],
  ['get school B',                  'GET /api/v1/schools/{B}',               null,                           [200, 404, 404, 404, 401]],
  ['create a school',               'POST /api/v1/schools',                  newSchool,                      [201, 403, 403, 403, 401]],
  ['get class A1',                  'GET /api/v1/classes/{A1}',              null,                           [200, 200, 200, 200, 401]],
  ['get class A2 (same school)',    'GET /api/v1/classes/{A2}',              null,                           [200, 200, 404, 404, 401]],
  ['get class B1',                  'GET /api/v1/classes/{B1}',              null,                           [200, 404, 404, 404, 401]],
  ['create a class in A',           'POST /api/v1/classes',                  newClass('A'),                  [201, 201, 403, 403, 401]],
  ['create a class in B',           'POST /api/v1/classes',                  newClass('B'),                  [201, 403, 403, 403, 401]],
  ['change class A1',               'PATCH /api/v1/classes/{A1}',            renameClass,                    [200, 200, 403, 403, 401]],
  ['change class A2 (same school)', 'PATCH /api/v1/classes/{A2}',            renameClass,                    [200, 200, 404, 404, 401]],
  ['change class B1',               'PATCH /api/v1/classes/{B1}',            renameClass,                    [200, 404, 404, 404, 401]],
  ['get learner of A1',             'GET /api/v1/learners/{lA1}',            null,                           [200, 200, 200, 200, 401]],
  ['get learner of A2',             'GET /api/v1/learners/{lA2}',            null,                           [200, 200, 404, 404, 401]],
  ['get learner of B1',             'GET /api/v1/learners/{lB1}',            null,                           [200, 404, 404, 404, 401]],
  ['create a learner in A',         'POST /api/v1/learners',                 newLearner('A'),                [201, 201, 403, 403, 401]],
  ['create a learner in B',         'POST /api/v1/learners',                 newLearner('B'),                [201, 403, 403, 403, 401]],
  ['change learner of A1',          'PATCH /api/v1/learners/{lA1}',          renameLearner,                  [200, 200, 403, 403, 401]],
  ['change learner of B1',          'PATCH /api/v1/learners/{lB1}',          renameLearner,                  [200, 404, 404, 404, 401]],
  ['create a teacher in A',         'POST /api/v1/staff',                    newStaff('A', 'teacher'),       [201, 201, 403, 403, 401]],
  ['create a school admin in A',    'POST /api/v1/staff',                    newStaff('A', 'school_admin'),  [201, 403, 403, 403, 401]],
  ['create a teacher in B',         'POST /api/v1/staff',                    newStaff('B', 'teacher'),       [201, 403, 403, 403, 401]],
  ['enrol a learner of A in A1',    'POST /api/v1/classes/{A1}/enrolments',  freshLearner('A'),              [201, 201, 403, 403, 401]],
  ['enrol a learner of A in A2',    'POST /api/v1/classes/{A2}/enrolments',  freshLearner('A'),              [201, 201, 404, 404, 401]],
  ['enrol a learner of B in B1',    'POST /api/v1/classes/{B1}/enrolments',  freshLearner('B'),              [201, 404, 404, 404, 401]],
  // Provisioning: the programme admin and the tablet's school admin (teachers and learners see no tablets).
  ['enrolment code, tablet of A',   'POST /api/v1/devices/{tabA}/enrolment-codes',   null,                   [201, 201, 403, 403, 401]],
  ['enrolment code, tablet of B',   'POST /api/v1/devices/{tabB}/enrolment-codes',   null,                   [201, 404, 403, 403, 401]],
  ['revoke tablet of A',            'POST /api/v1/devices/{tabA}/revoke-credential', null,                   [200, 200, 403, 403, 401]],
  ['revoke tablet of B',            'POST /api/v1/devices/{tabB}/revoke-credential', null,                   [200, 404, 403, 403, 401]],
  // Learner sign-in: staff who see the learner, so a teacher only for the learners of their classes.
  ['sign-in of learner of A1',      'GET /api/v1/learners/{lA1}/sign-in',    null,                           [200, 200, 200, 403, 401]],
  ['set sign-in of learner of A1',  'PUT /api/v1/learners/{lA1}/sign-in',    () => ({ pin: '5807' }),           [200, 200, 200, 403, 401]],
  ['set sign-in of learner of A2',  'PUT /api/v1/learners/{lA2}/sign-in',    () => ({ pin: '5807' }),           [200, 200, 404, 404, 401]],
  ['set sign-in of learner of B1',  'PUT /api/v1/learners/{lB1}/sign-in',    () => ({ pin: '5807' }),           [200, 404, 404, 404, 401]],
  ['reset sign-in of learner of A1','DELETE /api/v1/learners/{lA1}/sign-in', null,                           [200, 200, 200, 403, 401]],
  // Assignments: the class's teacher, its school admin, the programme admin; learners read their class's.
  ['assignments of A1',             'GET /api/v1/classes/{A1}/assignments',  null,                           [200, 200, 200, 200, 401]],
  ['assignments of A2',             'GET /api/v1/classes/{A2}/assignments',  null,                           [200, 200, 404, 404, 401]],
  ['assign to A1',                  'POST /api/v1/classes/{A1}/assignments', freshLesson,                    [201, 201, 201, 403, 401]],
  ['assign to A2 (same school)',    'POST /api/v1/classes/{A2}/assignments', freshLesson,                    [201, 201, 404, 404, 401]],
  ['assign to B1',                  'POST /api/v1/classes/{B1}/assignments', freshLesson,                    [201, 404, 404, 404, 401]],
  ['progress of A1',                'GET /api/v1/classes/{A1}/progress',     null,                           [200, 200, 200, 403, 401]],
  ['progress of B1',                'GET /api/v1/classes/{B1}/progress',     null,                           [200, 404, 404, 404, 401]],
  ['change an assignment of A1',    'PATCH /api/v1/assignments/{asgA1}',     () => ({ dueAt: null }),           [200, 200, 200, 403, 401]],
  ['change an assignment of B1',    'PATCH /api/v1/assignments/{asgB1}',     () => ({ dueAt: null }),           [200, 404, 404, 404, 401]],
  ['withdraw an assignment of A1',  'POST /api/v1/assignments/{asgA1}/withdraw', null,                       [200, 200, 200, 403, 401]],
  ['withdraw an assignment of B1',  'POST /api/v1/assignments/{asgB1}/withdraw', null,                       [200, 404, 404, 404, 401]],
  // Messages: announcements as assignments; a learner's thread on a task is theirs and their teachers' only (no admins).
  ['announcements of A1',           'GET /api/v1/classes/{A1}/announcements',  null,                         [200, 200, 200, 200, 401]],
  ['announce to A1',                'POST /api/v1/classes/{A1}/announcements', () => ({ body: 'Bonjour' }),  [201, 201, 201, 403, 401]],
  ['announce to A2 (same school)',  'POST /api/v1/classes/{A2}/announcements', () => ({ body: 'Bonjour' }),  [201, 201, 404, 404, 401]],
  ['announce to B1',                'POST /api/v1/classes/{B1}/announcements', () => ({ body: 'Bonjour' }),  [201, 404, 404, 404, 401]],
  ['threads of a task of A1',       'GET /api/v1/assignments/{asgA1}/threads', null,                         [403, 403, 200, 403, 401]],
  ['thread of lA1 on a task of A1', 'GET /api/v1/assignments/{asgA1}/threads/{lA1}', null,                   [403, 403, 200, 200, 401]],
  ['thread of lB1 on a task of B1', 'GET /api/v1/assignments/{asgB1}/threads/{lB1}', null,                   [403, 404, 404, 404, 401]],
  ['quiet hours of A',              'PUT /api/v1/schools/{A}/quiet-hours',   () => ({ start: '21:00', end: '07:00' }), [200, 200, 403, 403, 401]],
  ['quiet hours of B',              'PUT /api/v1/schools/{B}/quiet-hours',   () => ({ start: '21:00', end: '07:00' }), [200, 404, 404, 404, 401]],
  // Attendance and live sessions: the class's teacher, its school admin, the programme admin; a learner never sees a register.
  ['register of A1',                'GET /api/v1/classes/{A1}/attendance?date=2026-11-02',          null,   [200, 200, 200, 403, 401]],
  ['take the register of A1',       'PUT /api/v1/classes/{A1}/attendance',   emptyRegister,                  [200, 200, 200, 403, 401]],
  ['take the register of A2',       'PUT /api/v1/classes/{A2}/attendance',   emptyRegister,                  [200, 200, 404, 404, 401]],
  ['take the register of B1',       'PUT /api/v1/classes/{B1}/attendance',   emptyRegister,                  [200, 404, 404, 404, 401]],
  ['attendance summary of A1',      'GET /api/v1/classes/{A1}/attendance/summary?month=2026-11',    null,   [200, 200, 200, 403, 401]],
  ['attendance CSV of B1',          'GET /api/v1/classes/{B1}/attendance/summary.csv?month=2026-11', null,  [200, 404, 404, 404, 401]],
  ['schedule a live session, A1',   'POST /api/v1/classes/{A1}/live-sessions', liveSession,                  [201, 201, 201, 403, 401]],
  ['schedule a live session, B1',   'POST /api/v1/classes/{B1}/live-sessions', liveSession,                  [201, 404, 404, 404, 401]],
  ['export a content pack',         'GET /api/v1/packs/export',              null,                           [200, 200, 403, 403, 401]],
];

let t: TestApp;
const fx: Fixtures = {};
const clients = {} as Record<Actor, Client | null>;
let serial = 0;

function newSchool(): unknown {
  return { code: `MX-${++serial}`, nameAr: 'مدرسة', nameFr: 'École', region: 'oriental', province: 'Figuig' };
}
function newClass(school: 'A' | 'B'): Body {
  return (f) => ({
    schoolId: f[school],
    yearId: f.year,
    title: `Classe ${++serial}`,
    cycle: 'primaire',
    level: '5AP',
    subject: 'arabic',
  });
}
function renameClass(): unknown {
  return { title: `Renamed ${++serial}` };
}
function newLearner(school: 'A' | 'B'): Body {
  return (f) => ({
    schoolId: f[school],
    massarCode: `M${String(300_000_000 + ++serial)}`,
    nameAr: 'تلميذ',
    givenName: 'New',
    familyName: 'Learner',
    sex: 'M',
    birthYear: 2014,
  });
}
function renameLearner(): unknown {
  return { givenName: `Renamed${++serial}` };
}
function newStaff(school: 'A' | 'B', role: string): Body {
  return (f) => ({
    schoolId: f[school],
    role,
    username: `staff${++serial}`,
    password: 'a long enough secret',
    nameAr: 'أستاذ',
    givenName: 'New',
    familyName: 'Staff',
    sex: 'F',
  });
}
/** A new published library lesson each time, so that every actor's assignment is a first one. */
async function freshLesson(f: Fixtures): Promise<unknown> {
  const id = newId();
  const now = nowIso();
  const tags = {
    title: `Leçon ${++serial}`,
    cycle: 'primaire',
    level: '5AP',
    subject: 'mathematics',
    unit: null,
    language: 'fr',
  };
  const body = JSON.stringify({ blocks: [] });
  await t.db
    .insertInto('contentItems')
    .values({
      id,
      kind: 'lesson',
      schoolId: null,
      createdBy: f.programmeId as string,
      ...tags,
      draftBody: body,
      draftUpdatedAt: now,
      latestVersion: 1,
      createdAt: now,
      updatedAt: now,
      searchText: tags.title,
    })
    .execute();
  await t.db
    .insertInto('contentVersions')
    .values({
      id: newId(),
      contentId: id,
      version: 1,
      ...tags,
      body,
      publishedBy: f.programmeId as string,
      publishedAt: now,
    })
    .execute();
  return { contentId: id };
}
function emptyRegister(): unknown {
  return { date: '2026-11-02', marks: [] };
}
function liveSession(): unknown {
  return {
    title: `Séance ${++serial}`,
    startsAt: '2030-01-15T09:00:00Z',
    durationMinutes: 45,
    meetingUrl: 'https://meet.example.org/r',
  };
}
function freshLearner(school: 'A' | 'B'): Body {
  return async (f) => ({ learnerId: (await insertUser(t.db, 'learner', f[school] as string)).id });
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, k: string) => fx[k] as string);

async function send(
  actor: Actor,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const client = clients[actor];
  if (client)
    return client.request({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
}

describe(`policy matrix (${testDialect})`, () => {
  beforeAll(async () => {
    t = await testApp();
    fx.A = await insertSchool(t.db);
    fx.B = await insertSchool(t.db);
    fx.year = await insertYear(t.db);
    for (const [cls, school] of [
      ['A1', 'A'],
      ['A2', 'A'],
      ['B1', 'B'],
    ] as const) {
      fx[cls] = await insertClass(t.db, fx[school] as string, fx.year, { title: cls });
      fx[`t${cls}`] = (await insertUser(t.db, 'teacher', fx[school] as string, { username: `t${cls}` })).id;
      fx[`l${cls}`] = (await insertUser(t.db, 'learner', fx[school] as string, { username: `l${cls}` })).id;
      await insertEnrolment(t.db, fx[cls], fx[`t${cls}`] as string, 'teacher');
      await insertEnrolment(t.db, fx[cls], fx[`l${cls}`] as string, 'learner');
    }
    fx.programmeId = (await insertUser(t.db, 'programme_admin', null, { username: 'programme' })).id;
    const now = nowIso();
    for (const [tab, school] of [
      ['tabA', 'A'],
      ['tabB', 'B'],
    ] as const) {
      fx[tab] = newId();
      await t.db
        .insertInto('devices')
        .values({
          id: fx[tab],
          serialNumber: tab.toUpperCase(),
          model: 'Tab',
          batch: 'X',
          status: 'at_school',
          condition: 'good',
          schoolId: fx[school] as string,
          learnerId: null,
          searchText: tab,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
    for (const [asg, cls] of [
      ['asgA1', 'A1'],
      ['asgB1', 'B1'],
    ] as const) {
      const contentId = ((await freshLesson(fx)) as { contentId: string }).contentId;
      fx[asg] = newId();
      await t.db
        .insertInto('assignments')
        .values({
          id: fx[asg],
          classId: fx[cls] as string,
          contentId,
          contentVersion: null,
          openAt: now,
          dueAt: null,
          createdBy: fx.programmeId,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
    fx.adminA = (await insertUser(t.db, 'school_admin', fx.A, { username: 'adminA' })).id;
    fx.adminB = (await insertUser(t.db, 'school_admin', fx.B, { username: 'adminB' })).id;
    clients.programme = await signIn(t.app, 'programme');
    clients.schoolA = await signIn(t.app, 'adminA');
    clients.teacherA1 = await signIn(t.app, 'tA1');
    clients.learnerA1 = await signIn(t.app, 'lA1');
    clients.anonymous = null;
  });
  afterAll(() => t.close());

  // Lists first: the requests below add things to the world.
  it.each(LISTS)('%s list: who sees what', async (_, path, expected) => {
    const names = Object.fromEntries(Object.entries(fx).map(([k, v]) => [v, k]));
    for (const actor of ACTORS) {
      const res = await send(
        actor,
        'GET',
        `${fill(path)}${path.includes('enrolments') ? '' : '?pageSize=200'}`,
      );
      const want = expected[actor];
      if (want === 401) {
        expect(res.statusCode, actor).toBe(401);
        continue;
      }
      expect(res.statusCode, `${actor}: ${res.body}`).toBe(200);
      const body = res.json();
      const items: Array<{ id: string; learnerId?: string }> = Array.isArray(body) ? body : body.items;
      const seen = items.map((i) => names[i.learnerId ?? i.id] ?? `unknown ${i.id}`).sort();
      expect(seen, actor).toEqual([...want].sort());
    }
  });

  it.each(REQUESTS)('%s', async (_, request, body, expected) => {
    const [method, path] = request.split(' ') as [Method, string];
    const got: number[] = [];
    for (const actor of ACTORS) {
      const res = await send(actor, method, fill(path), body ? await body(fx) : undefined);
      got.push(res.statusCode);
    }
    expect(got, `statuses for ${ACTORS.join(', ')}`).toEqual(expected);
  });
});
