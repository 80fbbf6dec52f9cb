import { randomBytes } from 'node:crypto';
import type { LessonInput, QuizItemInput } from '@lawh/shared';
import { expect } from 'vitest';
import { type Client, insertSchool, insertUser, signIn, type TestApp } from '../../../test/helpers';
import { nowIso } from '../../lib/time';

// Request bodies and a cast of users for the content tests.

export const frTags = {
  cycle: 'primaire',
  level: '5AP',
  subject: 'mathematics',
  unit: 'Fractions',
  language: 'fr',
};
export const arTags = {
  cycle: 'primaire',
  level: '5AP',
  subject: 'mathematics',
  unit: 'الكسور',
  language: 'ar',
};

export function lesson(
  title: string,
  html = '<p>Une fraction partage un tout.</p>',
  over: Partial<LessonInput> = {},
) {
  return {
    title,
    tags: frTags,
    body: { blocks: [{ id: 'b1', type: 'richText', html }] },
    ...over,
  };
}

export const singleChoice = (over: Record<string, unknown> = {}): QuizItemInput =>
  ({
    id: 'i1',
    type: 'singleChoice',
    prompt: { text: '1/2 est égal à…' },
    options: [
      { id: 'a', text: '2/4' },
      { id: 'b', text: '1/3' },
    ],
    correct: 'a',
    ...over,
  }) as QuizItemInput;

export function quiz(title = 'Quiz des fractions', items: unknown[] = [singleChoice()]) {
  return { title, tags: frTags, items, mastery: { rule: 'allCorrect' } };
}

export interface Cast {
  schoolA: string;
  schoolB: string;
  admin: Client;
  teacherA: Client;
  headA: Client;
  teacherB: Client;
  learnerA: Client;
  learnerB: Client;
}

/** The programme admin, staff of two schools and a learner in each. */
export async function cast(t: TestApp): Promise<Cast> {
  const schoolA = await insertSchool(t.db);
  const schoolB = await insertSchool(t.db);
  await insertUser(t.db, 'programme_admin', null, { username: 'admin' });
  await insertUser(t.db, 'teacher', schoolA, { username: 'teacher-a' });
  await insertUser(t.db, 'school_admin', schoolA, { username: 'head-a' });
  await insertUser(t.db, 'teacher', schoolB, { username: 'teacher-b' });
  await insertUser(t.db, 'learner', schoolA, { username: 'learner-a' });
  await insertUser(t.db, 'learner', schoolB, { username: 'learner-b' });
  // One at a time: parallel sign-ins open extra pooled PostgreSQL connections, and the test
  // database is dropped (with force) while the pool may still be closing them.
  const clients = [];
  for (const u of ['admin', 'teacher-a', 'head-a', 'teacher-b', 'learner-a', 'learner-b'])
    clients.push(await signIn(t.app, u));
  const [admin, teacherA, headA, teacherB, learnerA, learnerB] = clients;
  return { schoolA, schoolB, admin, teacherA, headA, teacherB, learnerA, learnerB } as Cast;
}

export const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

/** Creates and returns the id; fails the test on anything but a 201. */
export async function create(c: Client, kind: 'lessons' | 'quizzes', body: unknown): Promise<string> {
  const res = await c.post(`/api/v1/content/${kind}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function publish(c: Client, id: string): Promise<number> {
  const res = await c.post(`/api/v1/content/${id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version as number;
}

export const titles = (res: { json(): { items: Array<{ title: string }> } }) =>
  res.json().items.map((i) => i.title);

export const issueFields = (res: { json(): { error: { details: { issues: Array<{ field: string }> } } } }) =>
  res.json().error.details.issues.map((i) => i.field);

/**
 * Closes the test app. pg's Pool.end() resolves before its sockets have closed, and the helper then
 * drops the database WITH (FORCE), which can kill a closing connection and surface as an unhandled
 * 'terminating connection' error; closing the pool first and letting the sockets settle avoids it.
 */
export async function closeApp(t: TestApp): Promise<void> {
  await t.database.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await t.close();
}

/** A media row as the store would record it, without the file: content keeps only the hash. */
export async function insertMedia(t: TestApp, kind: 'image' | 'audio' | 'video' | 'pdf'): Promise<string> {
  const hash = randomBytes(32).toString('hex');
  const mime = { image: 'image/png', audio: 'audio/wav', video: 'video/mp4', pdf: 'application/pdf' }[kind];
  await t.db
    .insertInto('media')
    .values({
      hash,
      kind,
      mime,
      bytes: 1000,
      width: null,
      height: null,
      durationMs: null,
      originalName: null,
      createdBy: null,
      createdAt: nowIso(),
    })
    .execute();
  return hash;
}
