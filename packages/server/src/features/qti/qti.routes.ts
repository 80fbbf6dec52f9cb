import { qtiImportResult } from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { invalid } from '../../errors';
import { authOf } from '../../plugins/auth';
import { type MediaOptions, resolveMedia } from '../media/media.options';
import { mediaService } from '../media/media.service';
import { videoRenditionJobs } from '../media/video-renditions';
import { type QtiUpload, qtiService } from './qti.service';

/**
 * The file and the form fields, in whatever order the browser sent them (the 20 MB limit is the
 * multipart plugin's). The file is small enough to hold: a zip is read by random access anyway.
 */
async function readUpload(req: FastifyRequest): Promise<QtiUpload> {
  const wrongShape = () =>
    invalid('file', 'send a multipart/form-data body with the package in a field named "file"');
  if (!req.isMultipart()) throw wrongShape();
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw wrongShape();
      }
      file = { name: part.filename || 'qti.zip', bytes: await part.toBuffer() };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw wrongShape();
  return { ...file, fields };
}

export function qtiRoutes(app: FastifyInstance, db: Kysely<DB>, options: MediaOptions = {}): void {
  const resolved = resolveMedia(options);
  // Pictures only: no video is ever queued from here.
  const videoJobs = videoRenditionJobs({ ffmpeg: null, storage: resolved.storage, db, log: app.log });
  app.addHook('onClose', () => videoJobs.close());
  const qti = qtiService(db, mediaService(db, resolved, videoJobs));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/content/import/qti',
    {
      schema: {
        tags: ['content'],
        summary:
          'Import a QTI 2.1/3.0 package (zip with imsmanifest.xml) or item XML as one draft quiz; ' +
          'fields cycle, level, subject, unit, language, title; unsupported items are listed',
        consumes: ['multipart/form-data'],
        response: { 201: qtiImportResult },
      },
    },
    async (req, reply) => reply.code(201).send(await qti.importUpload(authOf(req), () => readUpload(req))),
  );
}
