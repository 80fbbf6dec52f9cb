import { classInput, classListQuery, classPatch, classRow, idParams, page } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { classesService } from './classes.service';

export function classesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const classes = classesService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classes'];

  r.get(
    '/api/v1/classes',
    { schema: { tags, querystring: classListQuery, response: { 200: page(classRow) } } },
    (req) => classes.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/classes',
    { schema: { tags, body: classInput, response: { 201: classRow } } },
    async (req, reply) => reply.code(201).send(await classes.create(authOf(req), req.body)),
  );
  r.get('/api/v1/classes/:id', { schema: { tags, params: idParams, response: { 200: classRow } } }, (req) =>
    classes.get(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/classes/:id',
    { schema: { tags, params: idParams, body: classPatch, response: { 200: classRow } } },
    (req) => classes.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/classes/:id/archive',
    { schema: { tags, params: idParams, response: { 200: classRow } } },
    (req) => classes.setArchived(authOf(req), req.params.id, true),
  );
  r.post(
    '/api/v1/classes/:id/restore',
    { schema: { tags, params: idParams, response: { 200: classRow } } },
    (req) => classes.setArchived(authOf(req), req.params.id, false),
  );
}
