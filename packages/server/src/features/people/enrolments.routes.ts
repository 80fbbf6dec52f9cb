import { enrolment, enrolmentInput, enrolmentList, enrolmentParams, idParams, okBody } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { enrolmentsService } from './enrolments.service';

export function enrolmentsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const enrolments = enrolmentsService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enrolments'];

  r.get(
    '/api/v1/classes/:id/enrolments',
    { schema: { tags, params: idParams, response: { 200: enrolmentList } } },
    (req) => enrolments.list(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/classes/:id/enrolments',
    { schema: { tags, params: idParams, body: enrolmentInput, response: { 201: enrolment } } },
    async (req, reply) =>
      reply.code(201).send(await enrolments.enrol(authOf(req), req.params.id, req.body.learnerId)),
  );
  r.delete(
    '/api/v1/classes/:id/enrolments/:learnerId',
    { schema: { tags, params: enrolmentParams, response: { 200: okBody } } },
    async (req) => {
      await enrolments.unenrol(authOf(req), req.params.id, req.params.learnerId);
      return { ok: true as const };
    },
  );
}
