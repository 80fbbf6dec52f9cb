import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { ZipFile } from 'yazl';
import { type Client, insertUser, signIn, testDatabase } from '../../../test/helpers';
import { buildApp } from '../../app';
import type { DB } from '../../db/schema';
import { create, lesson, publish, quiz } from '../content/content.fixtures';
import { png, upload, wav } from '../media/media.fixtures';

/** One Lawh server: its own database and media folder, with a signed-in programme admin. */
export interface Server {
  app: FastifyInstance;
  db: Kysely<DB>;
  dir: string;
  admin: Client;
  files(): Promise<string[]>;
  close(): Promise<void>;
}

export async function server(): Promise<Server> {
  const database = await testDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'lawh-packs-test-'));
  const app = await buildApp({ database, media: { dir, ffmpeg: null } });
  await insertUser(database.db, 'programme_admin', null, { username: 'admin' });
  return {
    app,
    db: database.db,
    dir,
    admin: await signIn(app, 'admin'),
    async files() {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)))
        .sort();
    },
    async close() {
      await app.close();
      await database.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A lesson with a picture (and its renditions), a spoken version and a quiz link, published twice. */
export async function authorLibrary(s: Server) {
  const image = await upload(s.admin, await png(400, 300), 'carte.png');
  expect(image.statusCode, image.body).toBe(201);
  const audio = await upload(s.admin, wav(300), 'voix.wav');
  expect(audio.statusCode, audio.body).toBe(201);
  const quizId = await create(s.admin, 'quizzes', quiz());
  await publish(s.admin, quizId);
  const blocks = [
    { id: 'b1', type: 'richText', html: '<p>Une fraction partage un tout.</p>' },
    {
      id: 'b2',
      type: 'image',
      media: { kind: 'image', hash: image.json().hash },
      spoken: { kind: 'audio', hash: audio.json().hash },
    },
    { id: 'b3', type: 'quiz', quizId },
  ];
  const lessonId = await create(
    s.admin,
    'lessons',
    lesson('Les fractions', undefined, { body: { blocks } } as never),
  );
  await publish(s.admin, lessonId);
  const res = await s.admin.request({
    method: 'PUT',
    url: `/api/v1/content/${lessonId}/draft`,
    payload: lesson('Les fractions (2)', undefined, { body: { blocks } } as never),
  });
  expect(res.statusCode, res.body).toBe(200);
  await publish(s.admin, lessonId);
  return { lessonId, quizId, imageHash: image.json().hash as string, audioHash: audio.json().hash as string };
}

export async function exportPack(c: Client, query = ''): Promise<Buffer> {
  const res = await c.get(`/api/v1/packs/export${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="lawh-pack-.*\.zip"$/);
  return res.rawPayload;
}

export function importPack(c: Client, zip: Buffer) {
  const boundary = '----lawhpacktest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pack.zip"\r\nContent-Type: application/zip\r\n\r\n`;
  return c.request({
    method: 'POST',
    url: '/api/v1/packs/import',
    payload: Buffer.concat([Buffer.from(head), zip, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** A zip built by hand: entries as given, in order; `compress` per entry (default: stored). */
export async function zipOf(
  entries: Array<{ name: string; data: Buffer; compress?: boolean }>,
): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: e.compress ?? false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Counts of what an import could have written. */
export async function counts(db: Kysely<DB>) {
  const n = async (t: 'contentItems' | 'contentVersions' | 'media' | 'mediaRenditions') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    items: await n('contentItems'),
    versions: await n('contentVersions'),
    media: await n('media'),
    renditions: await n('mediaRenditions'),
  };
}
