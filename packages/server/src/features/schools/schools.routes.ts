import { idParams, page, school, schoolInput, schoolListQuery, schoolPatch } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { schoolsService } from './schools.service';

export function schoolsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const schools = schoolsService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['schools'];

  r.get(
    '/api/v1/schools',
    { schema: { tags, querystring: schoolListQuery, response: { 200: page(school) } } },
    (req) => schools.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/schools',
    { schema: { tags, body: schoolInput, response: { 201: school } } },
    async (req, reply) => reply.code(201).send(await schools.create(authOf(req), req.body)),
  );
  r.get('/api/v1/schools/:id', { schema: { tags, params: idParams, response: { 200: school } } }, (req) =>
    schools.get(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/schools/:id',
    { schema: { tags, params: idParams, body: schoolPatch, response: { 200: school } } },
    (req) => schools.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/schools/:id/archive',
    { schema: { tags, params: idParams, response: { 200: school } } },
    (req) => schools.setArchived(authOf(req), req.params.id, true),
  );
  r.post(
    '/api/v1/schools/:id/restore',
    { schema: { tags, params: idParams, response: { 200: school } } },
    (req) => schools.setArchived(authOf(req), req.params.id, false),
  );
}
