import { readFileSync } from 'node:fs';
import { newId } from '@lawh/shared';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTargets } from './checks';
import {
  apiAs,
  DEMO,
  LOCALES,
  launchBrowser,
  openSession,
  type Session,
  screenshot,
  startServer,
  type TestServer,
} from './harness';
import { AppPage } from './pages/app-page';
import { LoginPage } from './pages/login-page';

/** Records the pages with an id in their address are opened on, found in the demo programme. */
interface Ids {
  school: string;
  class: string;
  learner: string;
  /** A learner of prof1's class: the teacher sees the tablet sign-in section. */
  taughtLearner: string;
  staff: string;
  /** A tablet at its school, so the page offers its actions. */
  tablet: string;
  /** A lesson prof1 wrote (the demo has no content). */
  lesson: string;
}

interface Checked {
  /** The route in packages/web/src/app/routes.tsx this page is. */
  route: string;
  name: string;
  /** Who opens it; null is nobody signed in (the sign-in page). */
  as: string | null;
  path: (ids: Ids) => string;
}

// Every page, once per person who sees a different page at that address. Adding a page is one line.
const PAGES: Checked[] = [
  { route: '/', name: 'sign-in', as: null, path: () => '/' },
  { route: '/', name: 'programme home', as: DEMO.admin, path: () => '/' },
  { route: '/', name: 'school home', as: DEMO.schoolAdmin, path: () => '/' },
  { route: '/', name: 'teacher home', as: DEMO.teacher, path: () => '/' },
  { route: '/', name: 'learner home', as: DEMO.learner, path: () => '/' },
  { route: '/schools', name: 'schools', as: DEMO.admin, path: () => '/schools' },
  { route: '/schools/:id', name: 'new school', as: DEMO.admin, path: () => '/schools/new' },
  { route: '/schools/:id', name: 'school', as: DEMO.admin, path: (i) => `/schools/${i.school}` },
  { route: '/calendar', name: 'calendar', as: DEMO.admin, path: () => '/calendar' },
  { route: '/outbox', name: 'teacher outbox', as: DEMO.teacher, path: () => '/outbox' },
  { route: '/classes', name: 'classes', as: DEMO.admin, path: () => '/classes' },
  { route: '/classes/:id', name: 'new class', as: DEMO.admin, path: () => '/classes/new' },
  { route: '/classes/:id', name: 'class', as: DEMO.admin, path: (i) => `/classes/${i.class}` },
  { route: '/classes/:id', name: "teacher's class", as: DEMO.teacher, path: (i) => `/classes/${i.class}` },
  {
    route: '/classes/:id/attendance',
    name: 'class register',
    as: DEMO.teacher,
    path: (i) => `/classes/${i.class}/attendance`,
  },
  {
    route: '/classes/:id/attendance/summary',
    name: 'monthly attendance',
    as: DEMO.teacher,
    path: (i) => `/classes/${i.class}/attendance/summary`,
  },
  {
    route: '/classes/:id/live-sessions',
    name: 'live sessions',
    as: DEMO.teacher,
    path: (i) => `/classes/${i.class}/live-sessions`,
  },
  { route: '/learners', name: 'learners', as: DEMO.admin, path: () => '/learners' },
  { route: '/learners/:id', name: 'new learner', as: DEMO.admin, path: () => '/learners/new' },
  { route: '/learners/:id', name: 'learner', as: DEMO.admin, path: (i) => `/learners/${i.learner}` },
  {
    route: '/learners/:id',
    name: "teacher's learner",
    as: DEMO.teacher,
    path: (i) => `/learners/${i.taughtLearner}`,
  },
  {
    route: '/learners/:id/progress',
    name: "teacher's learner progress",
    as: DEMO.teacher,
    path: (i) => `/learners/${i.taughtLearner}/progress`,
  },
  {
    route: '/learners/:id/summary',
    name: 'guardian weekly summary',
    as: DEMO.teacher,
    path: (i) => `/learners/${i.taughtLearner}/summary`,
  },
  { route: '/staff', name: 'staff', as: DEMO.admin, path: () => '/staff' },
  { route: '/staff/:id', name: 'new staff', as: DEMO.admin, path: () => '/staff/new' },
  { route: '/staff/:id', name: 'staff member', as: DEMO.admin, path: (i) => `/staff/${i.staff}` },
  { route: '/tablets', name: 'tablets', as: DEMO.admin, path: () => '/tablets' },
  { route: '/tablets/new', name: 'new tablet', as: DEMO.admin, path: () => '/tablets/new' },
  { route: '/tablets/import', name: 'tablet import', as: DEMO.admin, path: () => '/tablets/import' },
  { route: '/tablets/:id', name: 'tablet', as: DEMO.admin, path: (i) => `/tablets/${i.tablet}` },
  { route: '/roster', name: 'roster import', as: DEMO.admin, path: () => '/roster' },
  { route: '/content', name: 'content library', as: DEMO.teacher, path: () => '/content' },
  { route: '/content/lessons/new', name: 'new lesson', as: DEMO.teacher, path: () => '/content/lessons/new' },
  { route: '/content/quizzes/new', name: 'new quiz', as: DEMO.teacher, path: () => '/content/quizzes/new' },
  { route: '/packs', name: 'content packs', as: DEMO.admin, path: () => '/packs' },
  { route: '/content/:id', name: 'lesson', as: DEMO.teacher, path: (i) => `/content/${i.lesson}` },
  // A tablet's screens need no account (null here); an unprovisioned tablet shows them empty.
  { route: '/tablet', name: 'tablet learner picker', as: null, path: () => '/tablet' },
  {
    route: '/tablet/sign-in/:id',
    name: 'tablet sign-in',
    as: null,
    path: (i) => `/tablet/sign-in/${i.learner}`,
  },
  { route: '/enrol', name: 'tablet enrolment', as: null, path: () => '/enrol' },
  { route: '/tablet/status', name: 'tablet status', as: null, path: () => '/tablet/status' },
];

/**
 * Reachable only on a provisioned tablet with a learner signed in: tablet-learner.test.ts runs axe
 * and the 44 px check on each. The grading page needs a task with an answer: classroom.test.ts.
 */
const CHECKED_ELSEWHERE = [
  '/tablet/home',
  '/tablet/lesson/:id',
  '/tablet/quiz/:id',
  // A learner's task, its answer form and its returned view: tablet-tasks.test.ts.
  '/tablet/task/:id',
  '/assignments/:id/grading',
  // A task's comment threads: messages.test.ts, with a learner's question in one.
  '/assignments/:id/comments',
];

let server: TestServer;
let browser: Browser;
let session: Session | null = null;
let ids: Ids;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ids = await demoIds(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await session?.context.close();
  session = null;
});

async function demoIds(server: TestServer): Promise<Ids> {
  const { db } = server;
  const prof1 = await db.selectFrom('users').select(['id', 'schoolId']).where('username', '=', DEMO.teacher);
  const teacher = await prof1.executeTakeFirstOrThrow();
  // prof1's first class, so the teacher's read-only view of it can be checked too.
  const taught = await db
    .selectFrom('enrolments')
    .select('classId')
    .where('userId', '=', teacher.id)
    .orderBy('classId')
    .executeTakeFirstOrThrow();
  const learner = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'learner')
    .where('schoolId', '=', teacher.schoolId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const taughtLearner = await db
    .selectFrom('enrolments')
    .select('userId')
    .where('classId', '=', taught.classId)
    .where('role', '=', 'learner')
    .orderBy('userId')
    .executeTakeFirstOrThrow();
  const tablet = await db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'at_school')
    .orderBy('serialNumber')
    .executeTakeFirstOrThrow();
  const lesson = await (await apiAs(server, DEMO.teacher)).post<{ id: string }>('/api/v1/content/lessons', {
    title: 'دورة الماء',
    tags: { cycle: 'primaire', level: '6AP', subject: 'sciences', language: 'ar' },
    body: {
      blocks: [{ id: newId(), type: 'richText', html: '<p>الماء <strong>ضروري</strong> للحياة.</p>' }],
    },
  });
  return {
    lesson: lesson.id,
    school: teacher.schoolId!,
    class: taught.classId,
    learner: learner.id,
    taughtLearner: taughtLearner.userId,
    staff: teacher.id,
    tablet: tablet.id,
  };
}

describe('every page is in this list', () => {
  it('each route of the web app is checked at least once', () => {
    const source = readFileSync(new URL('../packages/web/src/app/routes.tsx', import.meta.url), 'utf8');
    const routes = [...source.matchAll(/\bpath:\s*'([^']+)'/g)].map((m) => m[1]);
    expect(routes.length).toBeGreaterThan(5);
    expect(
      routes.filter((r) => !PAGES.some((p) => p.route === r) && !CHECKED_ELSEWHERE.includes(r!)),
    ).toEqual([]);
  });
});

describe.each(LOCALES)('accessibility in %s', (locale) => {
  it.each(PAGES.map((p) => [p.name, p] as const))(
    'the %s page has no serious axe violation and only targets of 44 px',
    async (_, p) => {
      session = await openSession(browser, server, { locale, user: p.as ?? undefined });
      const path = p.path(ids);
      if (p.as || path.startsWith('/tablet') || path === '/enrol')
        await new AppPage(session.page, locale).open(path);
      else await new LoginPage(session.page, locale).open(path);
      await screenshot(session.page, `a11y-${locale}-${p.name.replace(/\W+/g, '-')}`);
      const violations = await seriousAxeViolations(session.page);
      const small = await smallTargets(session.page);
      expect(violations, `axe on ${path}:\n${violations.join('\n')}`).toEqual([]);
      expect(small, `targets under 44×44 px on ${path}:\n${small.join('\n')}`).toEqual([]);
    },
  );
});
