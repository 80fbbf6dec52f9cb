import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonInput, MediaKind, QuizInput } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { Auth } from '../../auth/policy';
import { contentService } from '../../features/content/content.service';
import { parseAuthored } from '../../features/content/content-input';
import { type MediaOptions, resolveMedia } from '../../features/media/media.options';
import { mediaService } from '../../features/media/media.service';
import type { VideoJobs } from '../../features/media/video-renditions';
import type { DB } from '../schema';
import { demoLessons } from './demo-lessons';
import { type DemoMedia, type DemoQuizKey, demoQuizzes } from './demo-quizzes';
import { addMinutes, type Rng } from './demo-random';

// The demo library: media go in through the media service (stored by hash, with renditions, as an
// upload would be) and lessons and quizzes through the content service (validated, sanitised,
// indexed, then published as version 1), with fixed ids and times so every run gives the same rows.

/** The committed pictures and clips; make-demo-media.mjs in that folder made them. */
export const DEMO_MEDIA_DIR = fileURLToPath(new URL('./media/', import.meta.url));

type Author = 'maths' | 'letters';

/** Each file, its kind, and the teacher who uploaded it. */
export const DEMO_MEDIA: Record<string, { kind: MediaKind; by: Author }> = {
  'fractions.png': { kind: 'image', by: 'maths' },
  'pie-three-quarters.png': { kind: 'image', by: 'maths' },
  'water-cycle.png': { kind: 'image', by: 'maths' },
  'fr-fractions.wav': { kind: 'audio', by: 'maths' },
  'ar-fractions.wav': { kind: 'audio', by: 'maths' },
  'fr-water-cycle.wav': { kind: 'audio', by: 'maths' },
  'ar-water-cycle.wav': { kind: 'audio', by: 'maths' },
  'tifinagh-letters.png': { kind: 'image', by: 'letters' },
  'letter-yaz.png': { kind: 'image', by: 'letters' },
  'arabic-mim.png': { kind: 'image', by: 'letters' },
  'ar-mim.wav': { kind: 'audio', by: 'letters' },
};

// The teachers prepared the unit in the week before classes started.
const MEDIA_AT = '2026-09-07T15:00:00.000Z';
const CONTENT_AT = '2026-09-07T16:00:00.000Z';

/** The demo has no video, so no rendition job ever runs. */
const NO_VIDEOS: VideoJobs = {
  isAvailable: async () => false,
  enqueue: (_hash, _path, done) => void done(),
  close: async () => undefined,
};

export interface DemoContentResult {
  quizzes: number;
  lessons: number;
  media: number;
}

/**
 * Uploads the demo media and publishes the demo quizzes and lessons, inside the caller's transaction.
 * `authors.maths` writes mathematics and sciences, `authors.letters` Arabic and Tamazight.
 */
export async function seedDemoContent(
  trx: Kysely<DB>,
  ids: Rng,
  authors: Record<Author, Auth>,
  mediaOptions: MediaOptions = {},
): Promise<DemoContentResult> {
  const media = mediaService(trx, resolveMedia({ ...mediaOptions, ffmpeg: null }), NO_VIDEOS);
  const hashes = new Map<string, string>();
  for (const [name, file] of Object.entries(DEMO_MEDIA)) {
    const { record } = await media.upload(authors[file.by], async () => ({
      stream: createReadStream(join(DEMO_MEDIA_DIR, name)),
      filename: name,
      truncated: () => false,
    }));
    if (record.kind !== file.kind) throw new Error(`${name} was stored as ${record.kind}, not ${file.kind}`);
    hashes.set(name, record.hash);
  }
  // The service stamps uploads with the clock; the demo's must not change from run to run.
  const stored = [...hashes.values()];
  await trx.updateTable('media').set({ createdAt: MEDIA_AT }).where('hash', 'in', stored).execute();
  await trx
    .updateTable('mediaRenditions')
    .set({ createdAt: MEDIA_AT })
    .where('mediaHash', 'in', stored)
    .execute();

  const hashOf = (name: string, kind: MediaKind) => {
    const hash = hashes.get(name);
    if (!hash || DEMO_MEDIA[name]?.kind !== kind) throw new Error(`No demo ${kind} named ${name}`);
    return hash;
  };
  const ref: DemoMedia = {
    image: (name, alt) => ({ hash: hashOf(name, 'image'), kind: 'image', name, alt }),
    audio: (name) => ({ hash: hashOf(name, 'audio'), kind: 'audio', name }),
  };

  let at = CONTENT_AT;
  const content = contentService(trx, { newId: () => ids.uuid(), now: () => (at = addMinutes(at, 7)) });
  const authorOf = (subject: string) =>
    subject === 'mathematics' || subject === 'sciences' ? authors.maths : authors.letters;

  const quizIds = new Map<DemoQuizKey, string>();
  for (const [key, source] of Object.entries(demoQuizzes(ref)) as Array<[DemoQuizKey, unknown]>) {
    // Parsed as the route parses a request: defaults filled in, every rule of the schema checked.
    const input = parseAuthored('quiz', source).input as QuizInput;
    const author = authorOf(input.tags.subject);
    const created = await content.createQuiz(author, input);
    await content.publish(author, created.id);
    quizIds.set(key, created.id);
  }
  const lessons = demoLessons(ref, (key) => quizIds.get(key) as string);
  for (const source of lessons) {
    const input = parseAuthored('lesson', source).input as LessonInput;
    const author = authorOf(input.tags.subject);
    const created = await content.createLesson(author, input);
    await content.publish(author, created.id);
  }
  return { quizzes: quizIds.size, lessons: lessons.length, media: hashes.size };
}
