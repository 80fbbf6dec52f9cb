import { newId, type SignInPicture, type SyncRow } from '@lawh/shared';
import { hashSignInSecret } from '../packages/server/src/features/provisioning/secret-hash';
import type { DeviceIdentity } from '../packages/web/src/tablet/local-types';
import { DEMO, type TestServer } from './harness';
import type { StoredRow } from './pages/tablet-learner-pages';

// What tablet-learner.test.ts puts on the tablet: two classmates (one with a picture code, one with
// a PIN), a lesson due tomorrow and a late quiz with one item of each of the seven types.

export const CODE: SignInPicture[] = ['camel', 'sun', 'fish'];
export const PIN = '2468';

export interface World {
  device: DeviceIdentity;
  rows: StoredRow[];
  first: SyncRow<'learner'>;
  second: SyncRow<'learner'>;
  lesson: SyncRow<'content'>;
  quiz: SyncRow<'content'>;
}

/** eleve1 and a classmate, with a lesson due tomorrow and a quiz that is late. */
export async function world(server: TestServer, locale: 'ar' | 'fr'): Promise<World> {
  const me = await server.db
    .selectFrom('users')
    .select(['id', 'schoolId'])
    .where('username', '=', DEMO.learner)
    .executeTakeFirstOrThrow();
  const enrolment = await server.db
    .selectFrom('enrolments')
    .select('classId')
    .where('userId', '=', me.id)
    .where('role', '=', 'learner')
    .executeTakeFirstOrThrow();
  const classmates = await server.db
    .selectFrom('enrolments')
    .innerJoin('users', 'users.id', 'enrolments.userId')
    .select(['users.id', 'users.givenName', 'users.familyName', 'users.nameAr'])
    .where('enrolments.classId', '=', enrolment.classId)
    .where('enrolments.role', '=', 'learner')
    .orderBy('users.id')
    .limit(2)
    .execute();
  const school = await server.db
    .selectFrom('schools')
    .select(['id', 'nameAr', 'nameFr'])
    .where('id', '=', me.schoolId!)
    .executeTakeFirstOrThrow();
  const klass = await server.db
    .selectFrom('classes')
    .select(['id', 'title', 'level'])
    .where('id', '=', enrolment.classId)
    .executeTakeFirstOrThrow();
  const [a, b] = classmates;
  const first: SyncRow<'learner'> = { ...a!, pictureCode: await hashSignInSecret(CODE.join('-')), pin: null };
  const second: SyncRow<'learner'> = { ...b!, pictureCode: null, pin: await hashSignInSecret(PIN) };

  const ar = locale === 'ar';
  const lesson: SyncRow<'content'> = {
    id: newId(),
    kind: 'lesson',
    version: 1,
    title: ar ? 'درس دورة الماء' : 'Leçon : le cycle de l’eau',
    language: locale,
    unit: ar ? 'الماء' : 'L’eau',
    subject: 'sciences',
    level: klass.level,
    body: {
      blocks: [
        {
          id: newId(),
          type: 'richText',
          html: ar
            ? '<p><strong>الماء</strong> ضروري للحياة.</p>'
            : '<p><strong>L’eau</strong> est nécessaire à la vie.</p>',
        },
      ],
    },
    media: [],
  };
  const quiz: SyncRow<'content'> = {
    id: newId(),
    kind: 'quiz',
    version: 1,
    title: ar ? 'اختبار دورة الماء' : 'Quiz du cycle de l’eau',
    language: locale,
    unit: lesson.unit,
    subject: 'sciences',
    level: klass.level,
    body: {
      // Six of the seven right is mastery: the learner below misses one on purpose.
      mastery: { rule: 'mOfN', m: 6, n: 7 },
      items: [
        {
          id: 'q1',
          type: 'singleChoice',
          prompt: { text: ar ? 'ما الذي يسقط من السحاب؟' : 'Qu’est-ce qui tombe des nuages ?' },
          hints: [ar ? 'نحمل المظلة عندما يسقط.' : 'On prend un parapluie quand elle tombe.'],
          feedback: { correct: ar ? 'نعم، المطر.' : 'Oui, la pluie.' },
          points: 1,
          options: (ar ? ['المطر', 'الرمل', 'الحجر'] : ['la pluie', 'le sable', 'la pierre']).map(
            (text, i) => ({ id: `o${i}`, text }),
          ),
          correct: 'o0',
        },
        {
          id: 'q2',
          type: 'ordering',
          prompt: { text: ar ? 'رتّب من الأصغر إلى الأكبر' : 'Range du plus petit au plus grand' },
          hints: [],
          feedback: {},
          points: 1,
          options: [
            { id: 'n1', text: '1' },
            { id: 'n2', text: '2' },
            { id: 'n3', text: '3' },
          ],
          correctOrder: ['n1', 'n2', 'n3'],
        },
        {
          id: 'q3',
          type: 'multipleChoice',
          prompt: { text: ar ? 'ما هي السوائل؟' : 'Lesquels sont des liquides ?' },
          hints: [],
          feedback: { incorrect: ar ? 'الماء والحليب يسيلان.' : 'L’eau et le lait coulent.' },
          points: 1,
          options: (ar ? ['الماء', 'الحليب', 'الحجر'] : ['l’eau', 'le lait', 'la pierre']).map((text, i) => ({
            id: `m${i}`,
            text,
          })),
          correct: ['m0', 'm1'],
        },
        {
          id: 'q4',
          type: 'trueFalse',
          prompt: { text: ar ? 'الجليد ماء متجمّد.' : 'La glace est de l’eau gelée.' },
          hints: [],
          feedback: {},
          points: 1,
          correct: true,
        },
        {
          id: 'q5',
          type: 'matching',
          prompt: { text: ar ? 'اربط كل شيء بحالته' : 'Relie chaque chose à son état' },
          hints: [],
          feedback: {},
          points: 1,
          left: [
            { id: 'l1', text: ar ? 'الجليد' : 'la glace' },
            { id: 'l2', text: ar ? 'البخار' : 'la vapeur' },
          ],
          right: [
            { id: 'r1', text: ar ? 'صلب' : 'solide' },
            { id: 'r2', text: ar ? 'غاز' : 'gaz' },
          ],
          pairs: [
            { left: 'l1', right: 'r1' },
            { left: 'l2', right: 'r2' },
          ],
        },
        {
          id: 'q6',
          type: 'numeric',
          prompt: { text: '3 + 4 = ?' },
          hints: [],
          feedback: {},
          points: 1,
          answer: 7,
          tolerance: 0,
        },
        {
          id: 'q7',
          type: 'shortText',
          prompt: { text: ar ? 'اكتب: ماء' : 'Écris : eau' },
          hints: [],
          feedback: {},
          points: 1,
          accepted: [ar ? 'ماء' : 'eau'],
        },
      ],
    },
    media: [],
  };
  const day = 24 * 3600_000;
  const scope = `class:${klass.id}`;
  const row = <E extends StoredRow['entity']>(entity: E, key: string, data: SyncRow<E>): StoredRow => ({
    entity,
    key,
    scope,
    data,
  });
  return {
    device: {
      deviceId: newId(),
      serialNumber: 'E2E-TAB-1',
      token: 'x'.repeat(43),
      school,
      minAppVersion: '0.0.0',
      enrolledAt: new Date().toISOString(),
    },
    first,
    second,
    lesson,
    quiz,
    rows: [
      row('school', school.id, { ...school, quietHours: { start: '21:00', end: '07:00' } }),
      row('class', klass.id, { id: klass.id, schoolId: school.id, name: klass.title, level: klass.level }),
      row('learner', first.id, first),
      row('learner', second.id, second),
      row('enrolment', `${klass.id}:${first.id}`, { classId: klass.id, learnerId: first.id }),
      row('enrolment', `${klass.id}:${second.id}`, { classId: klass.id, learnerId: second.id }),
      row('content', lesson.id, lesson),
      row('content', quiz.id, quiz),
      row('assignment', 'as-lesson', {
        id: newId(),
        classId: klass.id,
        kind: 'lesson',
        contentId: lesson.id,
        title: null,
        instructions: null,
        attachments: [],
        learnerIds: null,
        closedAt: null,
        maxPoints: null,
        openAt: new Date(Date.now() - 3 * day).toISOString(),
        dueAt: new Date(Date.now() + day).toISOString(),
      }),
      row('assignment', 'as-quiz', {
        id: newId(),
        classId: klass.id,
        kind: 'quiz',
        contentId: quiz.id,
        title: null,
        instructions: null,
        attachments: [],
        learnerIds: null,
        closedAt: null,
        maxPoints: null,
        openAt: new Date(Date.now() - 3 * day).toISOString(),
        dueAt: new Date(Date.now() - day).toISOString(),
      }),
    ],
  };
}
