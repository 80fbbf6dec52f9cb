import {
  device,
  deviceAction,
  deviceHistoryEntry,
  deviceInput,
  deviceListQuery,
  deviceSummary,
  idParams,
  importResult,
  page,
} from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { invalid } from '../../errors';
import { authOf } from '../../plugins/auth';
import { devicesService } from './devices.service';

/** The CSV from a multipart body's `file` field (the 20 MB limit is the multipart plugin's). */
async function readUpload(req: FastifyRequest): Promise<{ bytes: Uint8Array; name: string }> {
  const wrongShape = () =>
    invalid('file', 'send a multipart/form-data body with the CSV in a field named "file"');
  if (!req.isMultipart()) throw wrongShape();
  const part = await req.file();
  if (part?.fieldname !== 'file') throw wrongShape();
  return { bytes: await part.toBuffer(), name: part.filename || 'devices.csv' };
}

export function devicesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const devices = devicesService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['devices'];

  r.get(
    '/api/v1/devices',
    { schema: { tags, querystring: deviceListQuery, response: { 200: page(device) } } },
    (req) => devices.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/devices',
    {
      schema: { tags, summary: 'Register a tablet into stock', body: deviceInput, response: { 201: device } },
    },
    async (req, reply) => reply.code(201).send(await devices.register(authOf(req), req.body)),
  );
  // Static paths win over /:id in Fastify's router whatever the order; they are listed first for the reader.
  r.get(
    '/api/v1/devices/summary',
    { schema: { tags, summary: 'Tablet counts by status and by school', response: { 200: deviceSummary } } },
    (req) => devices.summary(authOf(req)),
  );
  r.post(
    '/api/v1/devices/import',
    {
      schema: {
        tags,
        summary:
          'Import a CSV of tablets (serial_number,imei,model,batch), all or nothing (422 lists every problem)',
        consumes: ['multipart/form-data'],
        response: { 200: importResult },
      },
    },
    (req) => devices.importCsv(authOf(req), () => readUpload(req)),
  );
  r.get('/api/v1/devices/:id', { schema: { tags, params: idParams, response: { 200: device } } }, (req) =>
    devices.get(authOf(req), req.params.id),
  );
  r.get(
    '/api/v1/devices/:id/history',
    {
      schema: {
        tags,
        summary: 'Every change, newest first',
        params: idParams,
        response: { 200: z.array(deviceHistoryEntry) },
      },
    },
    (req) => devices.history(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/devices/:id/actions',
    {
      schema: {
        tags,
        summary: 'Hand over, take back, repair, …',
        params: idParams,
        body: deviceAction,
        response: { 200: device },
      },
    },
    (req) => devices.act(authOf(req), req.params.id, req.body),
  );
}
