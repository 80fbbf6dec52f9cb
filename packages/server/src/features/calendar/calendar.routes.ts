import {
  academicSession,
  academicSessionInput,
  academicSessionListQuery,
  academicSessionPatch,
  idParams,
  page,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { calendarService } from './calendar.service';

export function calendarRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const calendar = calendarService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const path = '/api/v1/academic-sessions';

  r.get(
    path,
    { schema: { tags, querystring: academicSessionListQuery, response: { 200: page(academicSession) } } },
    (req) => calendar.list(authOf(req), req.query),
  );
  r.post(
    path,
    { schema: { tags, body: academicSessionInput, response: { 201: academicSession } } },
    async (req, reply) => reply.code(201).send(await calendar.create(authOf(req), req.body)),
  );
  r.get(`${path}/:id`, { schema: { tags, params: idParams, response: { 200: academicSession } } }, (req) =>
    calendar.get(authOf(req), req.params.id),
  );
  r.patch(
    `${path}/:id`,
    { schema: { tags, params: idParams, body: academicSessionPatch, response: { 200: academicSession } } },
    (req) => calendar.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    `${path}/:id/archive`,
    { schema: { tags, params: idParams, response: { 200: academicSession } } },
    (req) => calendar.setArchived(authOf(req), req.params.id, true),
  );
  r.post(
    `${path}/:id/restore`,
    { schema: { tags, params: idParams, response: { 200: academicSession } } },
    (req) => calendar.setArchived(authOf(req), req.params.id, false),
  );
}
