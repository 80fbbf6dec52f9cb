import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeAnswer, LEVELS, luhnValid, MASSAR_CODE, QUIZ_ITEM_TYPES, quizItem } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testDatabase } from '../../../test/helpers';
import { buildApp } from '../../app';
import type { DB } from '../schema';
import { DEMO_PASSWORD, type SeedResult, seedDemoIfEmpty } from './demo';
import { DEMO_MEDIA, DEMO_MEDIA_DIR } from './demo-content';

type TestDb = Awaited<ReturnType<typeof testDatabase>>;
/** Levels in school order: 1AP is the usual level at 6, 3AC at 14. */
const LEVELS_BY_AGE = [...LEVELS.primaire, ...LEVELS.college] as readonly string[];

const TABLES = [
  'programmes',
  'schools',
  'academicSessions',
  'users',
  'classes',
  'enrolments',
  'devices',
  'deviceEvents',
] as const;

/**
 * A digest of every seeded row. Password hashes are left out: argon2 salts each hash at random, which
 * is the point of a salt; the sign-in test proves the hash matches the demo password.
 */
async function digest(db: Kysely<DB>): Promise<string> {
  const h = createHash('sha256');
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().orderBy('id').execute();
    for (const row of rows) {
      const { passwordHash: _ignored, ...rest } = row as Record<string, unknown>;
      h.update(`${table}:${JSON.stringify(rest)}\n`);
    }
  }
  // The demo library, media included (renditions are sharp's output for the same input).
  for (const table of ['contentItems', 'contentVersions'] as const)
    for (const row of await db.selectFrom(table).selectAll().orderBy('id').execute())
      h.update(`${table}:${JSON.stringify(row)}\n`);
  for (const row of await db.selectFrom('media').selectAll().orderBy('hash').execute())
    h.update(`media:${JSON.stringify(row)}\n`);
  const renditions = await db
    .selectFrom('mediaRenditions')
    .selectAll()
    .orderBy('hash')
    .orderBy('mediaHash')
    .execute();
  for (const row of renditions) h.update(`mediaRenditions:${JSON.stringify(row)}\n`);
  return h.digest('hex');
}

describe('demo programme seed', () => {
  let first: TestDb;
  let result: SeedResult | null;
  let mediaDir: string;

  beforeAll(async () => {
    mediaDir = await mkdtemp(join(tmpdir(), 'lawh-demo-media-'));
    first = await testDatabase();
    result = await seedDemoIfEmpty(first.db, { dir: mediaDir });
  });
  afterAll(async () => {
    await first?.drop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const learners = () => first.db.selectFrom('users').selectAll().where('role', '=', 'learner').execute();

  it('loads one programme of exactly 200 tablets', async () => {
    const programmes = await first.db.selectFrom('programmes').selectAll().execute();
    expect(programmes).toHaveLength(1);
    expect(programmes[0]).toMatchObject({ agreementDate: '2020-12-15', tabletsGranted: 200 });
    const devices = await first.db.selectFrom('devices').select(['serialNumber', 'batch']).execute();
    expect(devices).toHaveLength(200);
    expect(new Set(devices.map((d) => d.serialNumber)).size).toBe(200);
  });

  it('has 8 schools in 4 regions, each with a school admin and three teachers', async () => {
    const schools = await first.db.selectFrom('schools').select(['id', 'region']).execute();
    expect(schools).toHaveLength(8);
    expect(new Set(schools.map((s) => s.region)).size).toBe(4);
    const staff = await first.db
      .selectFrom('users')
      .select(['schoolId', 'role'])
      .where('role', 'in', ['school_admin', 'teacher'])
      .execute();
    for (const s of schools) {
      expect(staff.filter((u) => u.schoolId === s.id && u.role === 'school_admin')).toHaveLength(1);
      expect(staff.filter((u) => u.schoolId === s.id && u.role === 'teacher')).toHaveLength(3);
    }
  });

  it('has about 600 learners, 40–60% of them girls, with valid and unique Massar codes', async () => {
    const rows = await learners();
    expect(rows.length).toBeGreaterThanOrEqual(550);
    expect(rows.length).toBeLessThanOrEqual(650);
    const girls = rows.filter((l) => l.sex === 'F').length / rows.length;
    expect(girls).toBeGreaterThanOrEqual(0.4);
    expect(girls).toBeLessThanOrEqual(0.6);
    for (const l of rows) expect(l.massarCode).toMatch(MASSAR_CODE);
    expect(new Set(rows.map((l) => l.massarCode)).size).toBe(rows.length);
    for (const l of rows) {
      expect(l.nameAr).toMatch(/[\u0600-\u06FF]/);
      expect(l.givenName).toMatch(/^[A-Za-zÀ-ÿ' -]+$/);
      if (l.consentStatus === 'pending') expect(l.consentDate).toBeNull();
      else expect(l.consentDate).toMatch(/^2026-09-\d\d$/);
    }
  });

  it('enrols every learner in the classes of their level at their school, each class with one teacher of that school', async () => {
    const classes = await first.db.selectFrom('classes').selectAll().execute();
    const enrolments = await first.db.selectFrom('enrolments').selectAll().execute();
    const users = new Map((await first.db.selectFrom('users').selectAll().execute()).map((u) => [u.id, u]));
    for (const c of classes) {
      expect((LEVELS[c.cycle] as readonly string[]).includes(c.level)).toBe(true);
      const teachers = enrolments.filter((e) => e.classId === c.id && e.role === 'teacher');
      expect(teachers).toHaveLength(1);
      expect(users.get(teachers[0]?.userId ?? '')).toMatchObject({ role: 'teacher', schoolId: c.schoolId });
    }
    for (const l of await learners()) {
      const mine = enrolments
        .filter((e) => e.userId === l.id)
        .map((e) => classes.find((c) => c.id === e.classId));
      expect(mine.length).toBeGreaterThan(0);
      const level = mine[0]?.level;
      const expected = classes.filter((c) => c.schoolId === l.schoolId && c.level === level);
      expect(mine.map((c) => c?.id).sort()).toEqual(expected.map((c) => c.id).sort());
      // 6 years old in 1AP in 2026, a year older for those who repeated one.
      const age = 2026 - (l.birthYear ?? 0);
      const usual = LEVELS_BY_AGE.indexOf(level ?? '') + 6;
      expect(age === usual || age === usual + 1).toBe(true);
    }
  });

  it('gives every tablet a 15-digit IMEI with a valid Luhn check digit', async () => {
    const devices = await first.db.selectFrom('devices').select('imei').execute();
    for (const d of devices) {
      expect(d.imei).toMatch(/^\d{15}$/);
      expect(luhnValid(d.imei ?? '')).toBe(true);
    }
    expect(new Set(devices.map((d) => d.imei)).size).toBe(200);
  });

  it('hands each tablet marked with a learner to a consenting learner of its school, as its last history event says', async () => {
    const devices = await first.db
      .selectFrom('devices')
      .selectAll()
      .where('status', '=', 'with_learner')
      .execute();
    expect(devices.length).toBeGreaterThan(100);
    const byId = new Map((await learners()).map((l) => [l.id, l]));
    const events = await first.db.selectFrom('deviceEvents').selectAll().orderBy('id').execute();
    for (const d of devices) {
      const learner = byId.get(d.learnerId ?? '');
      expect(learner?.schoolId).toBe(d.schoolId);
      expect(learner?.consentStatus).toBe('granted');
      const last = events.filter((e) => e.deviceId === d.id).at(-1);
      expect(last).toMatchObject({ action: 'hand_over', toStatus: 'with_learner', learnerId: d.learnerId });
      expect(last?.guardianName).toBeTruthy();
      // A handover needs the guardian's consent first.
      expect((last?.at.slice(0, 10) ?? '') > (learner?.consentDate ?? '9')).toBe(true);
    }
  });

  it('tells each tablet’s history in order, each event starting where the previous one ended', async () => {
    const devices = await first.db.selectFrom('devices').selectAll().execute();
    const events = await first.db.selectFrom('deviceEvents').selectAll().orderBy('id').execute();
    for (const d of devices) {
      const history = events.filter((e) => e.deviceId === d.id);
      expect(history[0]).toMatchObject({ action: 'registered', fromStatus: null, toStatus: 'in_stock' });
      for (let i = 1; i < history.length; i++) {
        expect(history[i]?.fromStatus).toBe(history[i - 1]?.toStatus);
        expect((history[i]?.at ?? '') > (history[i - 1]?.at ?? '')).toBe(true);
      }
      expect(history.at(-1)?.toStatus).toBe(d.status);
      expect(d.updatedAt).toBe(history.at(-1)?.at);
    }
    const statuses = devices.map((d) => d.status);
    for (const s of ['in_stock', 'at_school', 'with_learner', 'in_repair', 'lost'] as const) {
      expect(statuses).toContain(s);
    }
  });

  it('produces identical rows, ids included, on every run', async () => {
    const second = await testDatabase();
    const secondMedia = await mkdtemp(join(tmpdir(), 'lawh-demo-media-'));
    try {
      await seedDemoIfEmpty(second.db, { dir: secondMedia });
      expect(await digest(second.db)).toBe(await digest(first.db));
    } finally {
      await second.drop();
      await rm(secondMedia, { recursive: true, force: true });
    }
  });

  it("gives prof2 a lived-in class: a task with answers (one late, two returned), November's registers, a live session", async () => {
    const app = await buildApp({ database: first, media: { dir: mediaDir } });
    try {
      const prof2 = await signIn(app, 'prof2', DEMO_PASSWORD);
      const cls = await first.db
        .selectFrom('enrolments')
        .innerJoin('users', 'users.id', 'enrolments.userId')
        .innerJoin('classes', 'classes.id', 'enrolments.classId')
        .select('classes.id')
        .where('users.username', '=', 'prof2')
        .orderBy('classes.title')
        .executeTakeFirstOrThrow();
      const assignments = (await prof2.get(`/api/v1/classes/${cls.id}/assignments`)).json() as Array<{
        id: string;
        kind: string;
      }>;
      const task = assignments.find((a) => a.kind === 'task');
      const queue = (await prof2.get(`/api/v1/assignments/${task?.id}/submissions`)).json() as {
        entries: Array<{ state: string; latest: { points: number | null } | null }>;
      };
      const states = queue.entries.map((e) => e.state);
      expect(states.filter((s) => s === 'returned')).toHaveLength(2);
      expect(states.filter((s) => s === 'late')).toHaveLength(1);
      expect(states.filter((s) => s === 'submitted')).toHaveLength(2);
      expect(
        queue.entries.flatMap((e) => (e.latest?.points != null ? [e.latest.points] : [])).sort(),
      ).toEqual([10, 7]);
      const month = (
        await prof2.get(`/api/v1/classes/${cls.id}/attendance/summary?month=2026-11`)
      ).json() as {
        registers: number;
      };
      expect(month.registers).toBe(19);
      const sessions = (await prof2.get(`/api/v1/live-sessions?classId=${cls.id}&when=all`)).json() as {
        items: Array<{ joinUrl: string | null }>;
      };
      expect(sessions.items.map((x) => x.joinUrl)).toEqual(['https://meet.jit.si/lawh-demo-cycle-eau']);
    } finally {
      await app.close();
    }
  });

  it('leaves a database that already has users untouched', async () => {
    const before = await digest(first.db);
    expect(await seedDemoIfEmpty(first.db, { dir: mediaDir })).toBeNull();
    expect(await digest(first.db)).toBe(before);
  });

  it('lets the listed demo accounts sign in with the demo password', async () => {
    expect(result?.accounts.map((a) => a.username)).toEqual([
      'admin',
      'directeur1',
      'prof1',
      'prof2',
      'eleve1',
    ]);
    const app = await buildApp({ database: first, media: { dir: mediaDir } });
    try {
      const expected = {
        admin: 'programme_admin',
        directeur8: 'school_admin',
        prof1: 'teacher',
        eleve1: 'learner',
        eleve3: 'learner',
      };
      for (const [username, role] of Object.entries(expected)) {
        const client = await signIn(app, username, DEMO_PASSWORD);
        expect((await client.get('/api/v1/auth/me')).json()).toMatchObject({ username, role });
      }
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'prof24', password: 'not-the-demo-password' },
      });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('teaches the demo learner in a class of the demo teacher, with a tablet in hand', async () => {
    const [prof1, eleve1] = await Promise.all(
      ['prof1', 'eleve1'].map((u) =>
        first.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow(),
      ),
    );
    const classesOf = async (userId: string) =>
      (await first.db.selectFrom('enrolments').select('classId').where('userId', '=', userId).execute()).map(
        (e) => e.classId,
      );
    const teacherClasses = new Set(await classesOf(prof1?.id ?? ''));
    expect((await classesOf(eleve1?.id ?? '')).some((c) => teacherClasses.has(c))).toBe(true);
    const tablet = await first.db
      .selectFrom('devices')
      .select('status')
      .where('learnerId', '=', eleve1?.id ?? '')
      .executeTakeFirst();
    expect(tablet?.status).toBe('with_learner');
  });

  // --- The demo library ------------------------------------------------------------------------

  const published = async (kind: 'lesson' | 'quiz') => {
    const rows = await first.db
      .selectFrom('contentVersions')
      .innerJoin('contentItems', 'contentItems.id', 'contentVersions.contentId')
      .innerJoin('users', 'users.id', 'contentItems.createdBy')
      .select(['contentVersions.language', 'contentVersions.unit', 'contentVersions.body', 'users.username'])
      .select(['contentItems.latestVersion', 'contentVersions.version', 'users.role'])
      .where('contentItems.kind', '=', kind)
      .orderBy('contentVersions.id')
      .execute();
    return rows.map((r) => ({ ...r, body: JSON.parse(r.body) }));
  };

  it('publishes at least three units of lessons and quizzes in Arabic, French and Tamazight, by demo teachers', async () => {
    expect(result?.content).toEqual({ quizzes: 6, lessons: 6, media: Object.keys(DEMO_MEDIA).length });
    const all = [...(await published('lesson')), ...(await published('quiz'))];
    expect(all).toHaveLength(12);
    for (const r of all) {
      expect(Number(r.version)).toBe(1);
      expect(Number(r.latestVersion)).toBe(1);
      expect(r.role).toBe('teacher');
      expect(r.username).toMatch(/^prof\d+$/);
    }
    expect(new Set(all.map((r) => r.unit)).size).toBeGreaterThanOrEqual(3);
    expect([...new Set((await published('lesson')).map((r) => r.language))].sort()).toEqual([
      'ar',
      'fr',
      'zgh',
    ]);
  });

  it('gives every lesson rich text with a picture or sound, several blocks with a spoken version', async () => {
    const lessons = await published('lesson');
    const script = { ar: /[\u0600-\u06FF]/, fr: /[a-zé]/, zgh: /[\u2D30-\u2D7F]/ } as Record<string, RegExp>;
    let spoken = 0;
    for (const { body, language } of lessons) {
      const blocks = body.blocks as Array<{ type: string; html?: string; spoken?: unknown }>;
      const html = blocks.filter((b) => b.type === 'richText').map((b) => b.html ?? '');
      expect(html.length).toBeGreaterThan(0);
      expect(html.join(' ')).toMatch(script[language] ?? /$^/);
      expect(blocks.some((b) => b.type === 'image' || b.type === 'audio')).toBe(true);
      expect(blocks.some((b) => b.type === 'quiz')).toBe(true);
      spoken += blocks.filter((b) => b.spoken).length;
    }
    expect(spoken).toBeGreaterThanOrEqual(3);
  });

  it('has quizzes with every item type and mastery rule, graded as a learner would type', async () => {
    const quizzes = await published('quiz');
    const items = quizzes.flatMap((q) => (q.body.items as unknown[]).map((i) => quizItem.parse(i)));
    expect([...new Set(items.map((i) => i.type))].sort()).toEqual([...QUIZ_ITEM_TYPES].sort());
    expect(new Set(quizzes.map((q) => q.body.mastery.rule))).toEqual(
      new Set(['allCorrect', 'mOfN', 'kInARow']),
    );
    for (const i of items) expect(i.hints.length > 0 || Object.keys(i.feedback).length > 0).toBe(true);
    // Arabic-Indic digits with the Arabic decimal separator, and a tashkeel-marked spelling.
    const decimal = items.find((i) => i.type === 'numeric' && i.answer === 0.75);
    expect(decimal && gradeAnswer(decimal, { type: 'numeric', text: '٠٫٧٥' }).correct).toBe(true);
    const tolerant = items.find((i) => i.type === 'numeric' && i.tolerance > 1);
    expect(tolerant && gradeAnswer(tolerant, { type: 'numeric', text: '68' }).correct).toBe(true);
    const word = items.find((i) => i.type === 'shortText' && i.accepted.includes('المقام'));
    expect(word && gradeAnswer(word, { type: 'shortText', text: 'المَقَام' }).correct).toBe(true);
  });

  it('lets the demo learner find the library and fetch its media by hash, images with renditions', async () => {
    const app = await buildApp({ database: first, media: { dir: mediaDir } });
    try {
      const learner = await signIn(app, 'eleve1', DEMO_PASSWORD);
      const list = await learner.get('/api/v1/content?kind=lesson&pageSize=100');
      expect(list.statusCode, list.body).toBe(200);
      const languages = (list.json().items as Array<{ tags: { language: string } }>).map(
        (i) => i.tags.language,
      );
      expect(new Set(languages)).toEqual(new Set(['ar', 'fr', 'zgh']));
      const search = await learner.get(`/api/v1/content?q=${encodeURIComponent('évaporation')}`);
      expect(search.json().total).toBeGreaterThan(0);
      for (const [name, file] of Object.entries(DEMO_MEDIA)) {
        const bytes = await readFile(join(DEMO_MEDIA_DIR, name));
        const hash = createHash('sha256').update(bytes).digest('hex');
        const res = await learner.get(`/api/v1/media/${hash}`);
        expect(res.statusCode, name).toBe(200);
        expect(res.rawPayload.equals(bytes), name).toBe(true);
        const info = (await learner.get(`/api/v1/media/${hash}/info`)).json();
        expect(info.kind).toBe(file.kind);
        if (file.kind === 'image')
          expect(info.renditions.map((r: { mime: string }) => r.mime)).toContain('image/webp');
      }
    } finally {
      await app.close();
    }
  });
});
