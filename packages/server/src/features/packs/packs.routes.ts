import { join } from 'node:path';
import { packFilters, packImportSummary } from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { invalid } from '../../errors';
import { authOf } from '../../plugins/auth';
import { type MediaOptions, resolveMedia } from '../media/media.options';
import { sweepStaleUploads } from '../media/upload-staging';
import { type IncomingPack, MAX_PACK_UPLOAD_BYTES, packsService } from './packs.service';

export function packsRoutes(app: FastifyInstance, db: Kysely<DB>, options: MediaOptions = {}): void {
  const media = resolveMedia(options);
  const packs = packsService(db, media);
  // A pack upload cut off by a crash stays in incoming/packs/; remove old ones at start.
  app.addHook('onReady', async () => {
    const removed = await sweepStaleUploads(join(media.stagingDir, 'packs'));
    if (removed) app.log.info({ removed }, 'removed unfinished pack uploads');
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['packs'];

  const receive = (req: FastifyRequest) => async (): Promise<IncomingPack> => {
    const part = await req.file({ limits: { fileSize: MAX_PACK_UPLOAD_BYTES, files: 1 } });
    if (!part) throw invalid('file', 'send the pack as multipart form field "file"');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw invalid('file', `send the pack as multipart form field "file", not "${part.fieldname}"`);
    }
    return { stream: part.file, truncated: () => part.file.truncated };
  };

  r.get(
    '/api/v1/packs/export',
    {
      schema: {
        tags,
        summary: 'Download the published content matching the filters, with its media, as a zip',
        querystring: packFilters,
        produces: ['application/zip'],
      },
    },
    async (req, reply) => {
      const pack = await packs.exportPack(authOf(req), req.query);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${pack.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-lawh-pack-items', String(pack.items))
        .header('x-lawh-pack-media-bytes', String(pack.bytes))
        .send(pack.stream);
    },
  );

  r.post(
    '/api/v1/packs/import',
    {
      schema: {
        tags,
        summary: 'Import a content pack (multipart field "file"); all or nothing, idempotent',
        consumes: ['multipart/form-data'],
        response: { 200: packImportSummary },
      },
    },
    (req) => packs.importUpload(authOf(req), receive(req)),
  );
}
