// The Lawh side of the sync benchmark: a real server process on loopback, over a fresh SQLite file.
// Forked by bench/sync/index.ts with tsx; it seeds the demo programme, makes every tablet syncable,
// issues one credential per tablet, publishes a small content library the events refer to, listens,
// and then answers the bench over IPC (content for scenario (c), verification counts).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import {
  type LessonInput,
  lessonInput as lessonSchema,
  type QuizInput,
  quizInput as quizSchema,
} from '@lawh/shared';
import { sql } from 'kysely';
import { buildApp } from '../../packages/server/src/app';
import type { Auth } from '../../packages/server/src/auth/policy';
import { openDatabase } from '../../packages/server/src/db/database';
import { migrateToLatest } from '../../packages/server/src/db/migrate';
import { seedDemoIfEmpty } from '../../packages/server/src/db/seeds/demo';
import { assignmentsService } from '../../packages/server/src/features/assignments/assignments.service';
import { contentService } from '../../packages/server/src/features/content/content.service';
import { issueDeviceCredential } from '../../packages/server/src/plugins/device-auth';
import type { LibraryItem, ServerMessage, TabletSetup } from './protocol';

const dataDir = process.env.DATA_DIR;
if (!dataDir || !process.send) throw new Error('run through bench/sync/index.ts (DATA_DIR and IPC needed)');
const send = (m: ServerMessage) => process.send?.(m);

const database = openDatabase(join(dataDir, 'lawh.db'));
const { db } = database;
await migrateToLatest(db);
await seedDemoIfEmpty(db);

const admin = await db
  .selectFrom('users')
  .select(['id', 'schoolId'])
  .where('role', '=', 'programme_admin')
  .executeTakeFirstOrThrow();
const auth: Auth = { userId: admin.id, role: 'programme_admin', schoolId: null };
const schools = (await db.selectFrom('schools').select('id').orderBy('code').execute()).map((s) => s.id);

// Every donated tablet takes part: those in stock, in repair or lost go to a school as shared tablets.
const idle = await db
  .selectFrom('devices')
  .select('id')
  .where('status', 'not in', ['with_learner', 'at_school'])
  .orderBy('serialNumber')
  .execute();
for (const [i, d] of idle.entries()) {
  await db
    .updateTable('devices')
    .set({ status: 'at_school', schoolId: schools[i % schools.length]!, learnerId: null })
    .where('id', '=', d.id)
    .execute();
}

const tablets: TabletSetup[] = [];
const devices = await db
  .selectFrom('devices')
  .select(['id', 'schoolId', 'learnerId'])
  .orderBy('serialNumber')
  .execute();
const schoolLearners = new Map<string, string[]>();
for (const s of schools) {
  const rows = await db
    .selectFrom('enrolments')
    .innerJoin('classes', 'classes.id', 'enrolments.classId')
    .select('enrolments.userId')
    .distinct()
    .where('classes.schoolId', '=', s)
    .where('enrolments.role', '=', 'learner')
    .where('enrolments.archivedAt', 'is', null)
    .orderBy('enrolments.userId')
    .execute();
  schoolLearners.set(
    s,
    rows.map((r) => r.userId),
  );
}
await db.transaction().execute(async (trx) => {
  for (const d of devices) {
    const { token } = await issueDeviceCredential(trx, d.id, admin.id);
    // A tablet handed to a learner speaks for that learner; a shared one for its school's learners.
    const actors = d.learnerId ? [d.learnerId] : (schoolLearners.get(d.schoolId!) ?? []);
    tablets.push({ deviceId: d.id, schoolId: d.schoolId!, token, actors });
  }
});

// The library the events refer to: a few lessons and quizzes with every auto-graded item type.
const tags = {
  cycle: 'primaire',
  level: '5AP',
  subject: 'mathematics',
  unit: 'Fractions',
  language: 'fr',
} as const;
const lessonInput = (title: string, paragraphs: number): LessonInput => ({
  title,
  tags,
  body: {
    blocks: Array.from({ length: paragraphs }, (_, i) => ({
      id: `b${i + 1}`,
      type: 'richText' as const,
      html: `<h2>Partie ${i + 1}</h2><p>Une fraction partage un tout en parts égales. Le numérateur compte les parts prises, le dénominateur le nombre de parts. Exemple ${i + 1} : trois quarts d’une tablette de chocolat.</p>`,
    })),
  },
});
// As the API receives it; parsed with the shared schema (defaults) before the service sees it.
const quizInput = (title: string): QuizInput =>
  ({
    title,
    tags,
    mastery: { rule: 'mOfN', m: 4, n: 5 },
    items: [
      {
        id: 'q1',
        type: 'singleChoice',
        prompt: { text: '1/2 est égal à…' },
        options: [
          { id: 'a', text: '2/4' },
          { id: 'b', text: '1/3' },
          { id: 'c', text: '3/4' },
        ],
        correct: 'a',
        hints: ['Multiplie en haut et en bas par 2.'],
      },
      {
        id: 'q2',
        type: 'multipleChoice',
        prompt: { text: 'Quelles fractions valent 1 ?' },
        options: [
          { id: 'a', text: '2/2' },
          { id: 'b', text: '3/4' },
          { id: 'c', text: '5/5' },
        ],
        correct: ['a', 'c'],
      },
      { id: 'q3', type: 'trueFalse', prompt: { text: '3/4 est plus grand que 1/2.' }, correct: true },
      {
        id: 'q4',
        type: 'numeric',
        prompt: { text: 'Combien font 1/4 + 1/4 ? (décimal)' },
        answer: 0.5,
        tolerance: 0,
      },
      {
        id: 'q5',
        type: 'shortText',
        prompt: { text: 'Comment appelle-t-on le nombre du bas ?' },
        accepted: ['dénominateur'],
      },
    ],
  }) as QuizInput;

const content = contentService(db);
async function publishLesson(title: string, paragraphs = 3): Promise<string> {
  const c = await content.createLesson(auth, lessonSchema.parse(lessonInput(title, paragraphs)));
  await content.publish(auth, c.id);
  return c.id;
}
async function publishQuiz(title: string): Promise<string> {
  const c = await content.createQuiz(auth, quizSchema.parse(quizInput(title)));
  await content.publish(auth, c.id);
  return c.id;
}

const library: LibraryItem[] = [];
for (let i = 1; i <= 6; i++) {
  library.push({ id: await publishLesson(`Leçon ${i} : les fractions`), kind: 'lesson', version: 1 });
  library.push({ id: await publishQuiz(`Quiz ${i} : les fractions`), kind: 'quiz', version: 1 });
}

const app = await buildApp({ database });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
send({ type: 'ready', port, tablets, library, schools });

process.on('message', (m: { type: string; schoolId?: string; count?: number }) => {
  void handle(m).catch((e: unknown) =>
    send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

async function handle(m: { type: string; schoolId?: string; count?: number }): Promise<void> {
  if (m.type === 'content') {
    // Scenario (c): published content assigned to one school's classes, through the services, so
    // whatever they announce to the change log is announced as in production.
    const classes = await db
      .selectFrom('classes')
      .select('id')
      .where('schoolId', '=', m.schoolId!)
      .where('archivedAt', 'is', null)
      .orderBy('title')
      .execute();
    const assignments = assignmentsService(db);
    const t0 = Date.now();
    for (let i = 0; i < m.count!; i++) {
      const id =
        i % 2
          ? await publishQuiz(`Quiz du trimestre ${i}`)
          : await publishLesson(`Leçon du trimestre ${i}`, 4);
      await assignments.create(auth, classes[i % classes.length]!.id, { contentId: id });
    }
    const fresh = await db
      .insertInto('devices')
      .values({
        id: crypto.randomUUID(),
        serialNumber: 'BENCH-FRESH-1',
        imei: null,
        model: 'bench',
        batch: 'bench',
        status: 'at_school',
        condition: 'new',
        schoolId: m.schoolId!,
        learnerId: null,
        searchText: 'bench',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await issueDeviceCredential(db, fresh.id, admin.id);
    const changeLogRows = await countOf('changeLog');
    send({
      type: 'content-done',
      seconds: (Date.now() - t0) / 1000,
      tablet: { deviceId: fresh.id, schoolId: m.schoolId!, token, actors: [] },
      changeLogRows,
    });
  } else if (m.type === 'verify') {
    const pairs = await db
      .selectFrom('syncEvents')
      .select(['deviceId', sql<number>`count(*)`.as('n'), sql<number>`count(distinct device_seq)`.as('seqs')])
      .select(sql<number>`max(device_seq)`.as('maxSeq'))
      .select(sql<number>`count(distinct id)`.as('ids'))
      .groupBy('deviceId')
      .execute();
    const quarantine = await db
      .selectFrom('syncQuarantine')
      .select(['reason', sql<number>`count(*)`.as('n')])
      .groupBy('reason')
      .execute();
    const acked = await db.selectFrom('deviceSyncState').select(['deviceId', 'ackedSeq']).execute();
    send({ type: 'verified', pairs, quarantine, acked });
  } else if (m.type === 'profile-start') {
    // BENCH_PROFILE: a CPU profile of the measured part only (not the seeding or the content setup).
    profiler.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    send({ type: 'profiling' });
  } else if (m.type === 'profile-stop') {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    const file = join(process.env.BENCH_PROFILE!, `lawh-server-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    send({ type: 'profiled', file });
  } else if (m.type === 'stop') {
    await app.close();
    await database.close();
    process.exit(0);
  }
}

const profiler = new Session();
const post = (method: string) =>
  new Promise<unknown>((resolve, reject) =>
    profiler.post(method, (err, result) => (err ? reject(err) : resolve(result))),
  );

async function countOf(table: 'changeLog'): Promise<number> {
  const r = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
