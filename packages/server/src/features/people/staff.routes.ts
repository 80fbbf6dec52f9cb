import { idParams, page, staff, staffInput, staffListQuery, staffPatch } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { staffService } from './staff.service';

export function staffRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const people = staffService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];

  r.get(
    '/api/v1/staff',
    { schema: { tags, querystring: staffListQuery, response: { 200: page(staff) } } },
    (req) => people.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/staff',
    { schema: { tags, body: staffInput, response: { 201: staff } } },
    async (req, reply) => reply.code(201).send(await people.create(authOf(req), req.body)),
  );
  r.get('/api/v1/staff/:id', { schema: { tags, params: idParams, response: { 200: staff } } }, (req) =>
    people.get(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/staff/:id',
    { schema: { tags, params: idParams, body: staffPatch, response: { 200: staff } } },
    (req) => people.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/staff/:id/archive',
    { schema: { tags, params: idParams, response: { 200: staff } } },
    (req) => people.setArchived(authOf(req), req.params.id, true),
  );
  r.post(
    '/api/v1/staff/:id/restore',
    { schema: { tags, params: idParams, response: { 200: staff } } },
    (req) => people.setArchived(authOf(req), req.params.id, false),
  );
}
