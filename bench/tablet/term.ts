import type { EnrolmentCodeResponse, MediaRecord, SignInPicture } from '@lawh/shared';
import sharp from 'sharp';
import { eleve1Class } from '../../e2e/class-tablet.fixtures';
import { type ApiClient, apiAs, DEMO, type TestServer } from '../../e2e/harness';

// A term of content for eleve1's class, made through the HTTP API as its teacher would: lessons of
// a few paragraphs (some with a photo), quizzes of five items, all published and assigned; a
// learner with a picture code; an enrolment code for one of the school's tablets.

export const CODE: SignInPicture[] = ['camel', 'sun', 'fish'];

export interface Term {
  enrolPath: string;
  learnerName: string;
  lessonTitles: string[];
  quizTitles: string[];
  imageHashes: string[];
}

const PARAGRAPH =
  'L’eau couvre près des trois quarts de la Terre. Elle s’évapore des mers et des rivières, ' +
  'forme des nuages, puis retombe en pluie ou en neige. Les plantes la puisent dans le sol et ' +
  'les animaux la boivent ; sans elle, aucune vie ne serait possible. Observe le ciel demain matin ' +
  'et note ce que tu vois dans ton cahier.';

/** A photo-sized picture that does not compress away (a gradient with noise: a ~60 KB JPEG). */
async function photo(seed: number): Promise<Buffer> {
  const w = 640;
  const h = 480;
  const raw = Buffer.alloc(w * h * 3);
  let x = seed * 7919 + 1;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    raw[i] = ((i / 3) % w) / 4 + ((x >> 16) % 64) + seed * 20;
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export async function makeTerm(
  server: TestServer,
  { lessons = 50, quizzes = 20, images = 5 } = {},
): Promise<Term> {
  const db = server.db;
  const { learnerId, schoolId, classId, people } = await eleve1Class(server);
  const teacherRow = people.find((p) => p.role === 'teacher');
  if (!teacherRow) throw new Error('eleve1’s class needs a teacher');
  const learner = await db
    .selectFrom('users')
    .select(['id', 'givenName', 'familyName'])
    .where('id', '=', learnerId)
    .executeTakeFirstOrThrow();
  const device = await db
    .selectFrom('devices')
    .select('id')
    .where('status', '=', 'at_school')
    .orderBy('serialNumber')
    .limit(1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('devices')
    .set({ schoolId: schoolId, learnerId: null })
    .where('id', '=', device.id)
    .execute();

  const admin = await apiAs(server, DEMO.admin);
  const teacher = await apiAs(server, teacherRow.username ?? '');
  await admin.put(`/api/v1/learners/${learner.id}/sign-in`, { pictureCode: CODE });

  const imageHashes: string[] = [];
  for (let i = 0; i < images; i++) {
    const jpeg = await photo(i);
    const m = await teacher.upload<MediaRecord>(
      '/api/v1/media',
      new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }),
      `photo-${i}.jpg`,
    );
    imageHashes.push(m.hash);
  }

  const tags = { cycle: 'primaire', level: '5AP', subject: 'sciences', unit: 'L’eau', language: 'fr' };
  const pad = (n: number) => String(n + 1).padStart(2, '0');
  const lessonTitles: string[] = [];
  const quizTitles: string[] = [];
  const assign = async (api: ApiClient, id: string, day: number) => {
    await api.post(`/api/v1/content/${id}/publish`, {});
    await api.post(`/api/v1/classes/${classId}/assignments`, {
      contentId: id,
      dueAt: new Date(Date.now() + (day + 1) * 24 * 3600_000).toISOString(),
    });
  };
  for (let i = 0; i < lessons; i++) {
    const title = `Leçon ${pad(i)} : l’eau dans la nature`;
    const blocks: unknown[] = [
      { id: 'b0', type: 'richText', html: `<h2>${title}</h2><p>${PARAGRAPH}</p>` },
      { id: 'b1', type: 'richText', html: `<p>${PARAGRAPH}</p><ul><li>la pluie</li><li>la neige</li></ul>` },
    ];
    // Every fifth lesson has a photo (each picture is used by two lessons).
    if (i % 5 === 0 && imageHashes.length > 0) {
      const hash = imageHashes[(i / 5) % imageHashes.length]!;
      blocks.push({ id: 'b2', type: 'image', media: { hash, kind: 'image', alt: 'un nuage' } });
    }
    blocks.push({ id: 'b3', type: 'richText', html: `<p>${PARAGRAPH}</p>` });
    const lesson = await teacher.post<{ id: string }>('/api/v1/content/lessons', {
      title,
      tags,
      body: { blocks },
    });
    await assign(teacher, lesson.id, i);
    lessonTitles.push(title);
  }
  for (let i = 0; i < quizzes; i++) {
    const title = `Quiz ${pad(i)} : l’eau dans la nature`;
    const quiz = await teacher.post<{ id: string }>('/api/v1/content/quizzes', {
      title,
      tags,
      mastery: { rule: 'allCorrect' },
      items: Array.from({ length: 5 }, (_, k) => ({
        id: `q${k}`,
        type: 'singleChoice',
        prompt: { text: `Question ${k + 1} : qu’est-ce qui tombe des nuages ?` },
        options: [
          { id: 'o0', text: 'la pluie' },
          { id: 'o1', text: 'le sable' },
          { id: 'o2', text: 'la pierre' },
        ],
        correct: 'o0',
      })),
    });
    await assign(teacher, quiz.id, i * 2);
    quizTitles.push(title);
  }

  const code = await admin.post<EnrolmentCodeResponse>(`/api/v1/devices/${device.id}/enrolment-codes`, {});
  const url = new URL(code.enrolUrl);
  return {
    enrolPath: url.pathname + url.search,
    learnerName: `${learner.givenName} ${learner.familyName}`,
    lessonTitles,
    quizTitles,
    imageHashes,
  };
}
