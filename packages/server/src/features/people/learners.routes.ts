import { idParams, learner, learnerInput, learnerListQuery, learnerPatch, page } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { learnersService } from './learners.service';

export function learnersRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const learners = learnersService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['learners'];

  r.get(
    '/api/v1/learners',
    { schema: { tags, querystring: learnerListQuery, response: { 200: page(learner) } } },
    (req) => learners.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/learners',
    { schema: { tags, body: learnerInput, response: { 201: learner } } },
    async (req, reply) => reply.code(201).send(await learners.create(authOf(req), req.body)),
  );
  r.get('/api/v1/learners/:id', { schema: { tags, params: idParams, response: { 200: learner } } }, (req) =>
    learners.get(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/learners/:id',
    { schema: { tags, params: idParams, body: learnerPatch, response: { 200: learner } } },
    (req) => learners.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/learners/:id/archive',
    { schema: { tags, params: idParams, response: { 200: learner } } },
    (req) => learners.setArchived(authOf(req), req.params.id, true),
  );
  r.post(
    '/api/v1/learners/:id/restore',
    { schema: { tags, params: idParams, response: { 200: learner } } },
    (req) => learners.setArchived(authOf(req), req.params.id, false),
  );
}
