import { importResult } from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { invalid } from '../../errors';
import { nowIso } from '../../lib/time';
import { authOf } from '../../plugins/auth';
import { rosterExportService } from './roster-export.service';
import { rosterImportService } from './roster-import.service';

const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** The zip from a multipart body's `file` field (the 20 MB limit is the multipart plugin's). */
async function readUpload(req: FastifyRequest): Promise<{ bytes: Uint8Array; name: string }> {
  const wrongShape = () =>
    invalid('file', 'send a multipart/form-data body with the zip in a field named "file"');
  if (!req.isMultipart()) throw wrongShape();
  const part = await req.file();
  if (part?.fieldname !== 'file') throw wrongShape();
  return { bytes: await part.toBuffer(), name: part.filename || 'roster.zip' };
}

export function rosterRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const importer = rosterImportService(db);
  const exporter = rosterExportService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roster'];

  r.post(
    '/api/v1/roster/import',
    {
      schema: {
        tags,
        summary: 'Import a OneRoster 1.1 CSV zip, all or nothing (422 lists every problem)',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: importResult },
      },
    },
    (req) => importer.importZip(authOf(req), () => readUpload(req), { dryRun: req.query.dryRun }),
  );

  r.get(
    '/api/v1/roster/export',
    { schema: { tags, summary: 'The whole roster as a OneRoster 1.1 CSV zip' } },
    async (req, reply) => {
      const zip = await exporter.zip(authOf(req));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="lawh-oneroster-${nowIso().slice(0, 10)}.zip"`)
        .send(Buffer.from(zip));
    },
  );
}
