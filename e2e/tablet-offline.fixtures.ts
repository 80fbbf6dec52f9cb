import type { EnrolmentCodeResponse, Locale, MediaRecord, SignInPicture } from '@lawh/shared';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { eleve1Class } from './class-tablet.fixtures';
import { type ApiClient, apiAs, DEMO, type TestServer } from './harness';

// What tablet-offline.test.ts starts from: a class of the demo, a tablet of its school to enrol,
// two learners with picture codes, a lesson with a picture and a quiz, all through the real API.

export const FIRST_CODE: SignInPicture[] = ['camel', 'sun', 'fish'];
export const SECOND_CODE: SignInPicture[] = ['boat', 'tree', 'cat'];

export interface World {
  code: EnrolmentCodeResponse;
  classId: string;
  teacher: ApiClient;
  first: { id: string; name: string };
  second: { id: string; name: string };
  lessonTitle: string;
  quizTitle: string;
  pictureHash: string;
  deviceId: string;
  admin: ApiClient;
  tags: Record<string, string>;
  extraTitle: string;
}

/** eleve1's class, a tablet of their school, two learners with picture codes, a lesson and a quiz. */
export async function world(server: TestServer, locale: Locale, index: number): Promise<World> {
  const db = server.db;
  const { schoolId, classId, people } = await eleve1Class(server);
  const learners = people.filter((p) => p.role === 'learner').slice(2 * index, 2 * index + 2);
  const teacherRow = people.find((p) => p.role === 'teacher');
  if (learners.length < 2 || !teacherRow) throw new Error('eleve1’s class needs two learners and a teacher');
  const name = (l: (typeof learners)[number]) =>
    locale === 'ar' && l.nameAr ? l.nameAr : `${l.givenName} ${l.familyName}`;

  // A tablet of the school, ready to be provisioned (the demo's tablets are mostly with learners).
  const device = await db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'at_school')
    .orderBy('serialNumber')
    .offset(index)
    .limit(1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('devices')
    .set({ schoolId: schoolId, learnerId: null })
    .where('id', '=', device.id)
    .execute();

  const admin = await apiAs(server, DEMO.admin);
  const teacher = await apiAs(server, teacherRow.username ?? '');
  await admin.put(`/api/v1/learners/${learners[0]!.id}/sign-in`, { pictureCode: FIRST_CODE });
  await admin.put(`/api/v1/learners/${learners[1]!.id}/sign-in`, { pictureCode: SECOND_CODE });

  const ar = locale === 'ar';
  const tags = {
    cycle: 'primaire',
    level: '5AP',
    subject: 'sciences',
    unit: ar ? 'الماء' : 'L’eau',
    language: locale,
  };
  // Numbered: every test adds its own lesson and quiz to the same class.
  const lessonTitle = `${ar ? 'درس: الماء في الطبيعة' : 'Leçon : l’eau dans la nature'} ${index + 1}`;
  const quizTitle = `${ar ? 'اختبار: الماء في الطبيعة' : 'Quiz : l’eau dans la nature'} ${index + 1}`;
  // A picture in the lesson: the tablet downloads it, checks its hash and shows it offline.
  const png = await sharp({
    create: { width: 40, height: 30, channels: 3, background: index ? '#1f5f4a' : '#c25e00' },
  })
    .png()
    .toBuffer();
  const picture = await teacher.upload<MediaRecord>(
    '/api/v1/media',
    new Blob([new Uint8Array(png)], { type: 'image/png' }),
    'water.png',
  );
  const lesson = await teacher.post<{ id: string }>('/api/v1/content/lessons', {
    title: lessonTitle,
    tags,
    body: {
      blocks: [
        {
          id: 'b0',
          type: 'image',
          media: { hash: picture.hash, kind: 'image', alt: ar ? 'مطر' : 'la pluie' },
        },
        {
          id: 'b1',
          type: 'richText',
          html: ar ? '<p>الماء ضروري للحياة.</p>' : '<p>L’eau est nécessaire à la vie.</p>',
        },
      ],
    },
  });
  const quiz = await teacher.post<{ id: string }>('/api/v1/content/quizzes', {
    title: quizTitle,
    tags,
    mastery: { rule: 'allCorrect' },
    items: [
      {
        id: 'q1',
        type: 'singleChoice',
        prompt: { text: ar ? 'ما الذي يسقط من السحاب؟' : 'Qu’est-ce qui tombe des nuages ?' },
        options: [
          { id: 'o0', text: ar ? 'المطر' : 'la pluie' },
          { id: 'o1', text: ar ? 'الرمل' : 'le sable' },
        ],
        correct: 'o0',
      },
    ],
  });
  for (const c of [lesson, quiz]) {
    await teacher.post(`/api/v1/content/${c.id}/publish`, {});
    await teacher.post(`/api/v1/classes/${classId}/assignments`, {
      contentId: c.id,
      dueAt: new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
    });
  }
  const code = await admin.post<EnrolmentCodeResponse>(`/api/v1/devices/${device.id}/enrolment-codes`, {});
  return {
    code,
    classId,
    teacher,
    first: { id: learners[0]!.id, name: name(learners[0]!) },
    second: { id: learners[1]!.id, name: name(learners[1]!) },
    lessonTitle,
    quizTitle,
    pictureHash: picture.hash,
    deviceId: device.id,
    admin,
    tags,
    extraTitle: ar ? 'درس جديد وصل للتو' : 'Une leçon qui vient d’arriver',
  };
}

/** The titles of the content rows in the tablet's IndexedDB. */
export function contentTitles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('lawh-tablet');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<Array<{ data: { title: string } }>>((resolve, reject) => {
      const req = db.transaction('rows').objectStore('rows').index('entity').getAll('content');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.map((r) => r.data.title);
  });
}
