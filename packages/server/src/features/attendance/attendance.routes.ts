import {
  attendanceSummary,
  idParams,
  liveSession,
  liveSessionInput,
  liveSessionList,
  liveSessionListQuery,
  liveSessionPatch,
  register,
  registerInput,
  registerQuery,
  summaryQuery,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { attendanceService } from './attendance.service';
import { liveSessionsService } from './live-sessions.service';

export function attendanceRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const attendance = attendanceService(db);
  const sessions = liveSessionsService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attendance'];
  const path = '/api/v1/classes/:id/attendance';

  r.get(
    path,
    { schema: { tags, params: idParams, querystring: registerQuery, response: { 200: register } } },
    (req) => attendance.getRegister(authOf(req), req.params.id, req.query),
  );
  r.put(
    path,
    {
      schema: {
        tags,
        summary: "Take a day's or a live session's register: replaces it whole, all or nothing",
        params: idParams,
        body: registerInput,
        response: { 200: register },
      },
    },
    (req) => attendance.takeRegister(authOf(req), req.params.id, req.body),
  );
  r.get(
    `${path}/summary`,
    { schema: { tags, params: idParams, querystring: summaryQuery, response: { 200: attendanceSummary } } },
    (req) => attendance.summary(authOf(req), req.params.id, req.query),
  );
  r.get(
    `${path}/summary.csv`,
    {
      schema: {
        tags,
        summary: "The month's summary as CSV (UTF-8 with BOM, RFC 4180)",
        params: idParams,
        querystring: summaryQuery,
      },
    },
    async (req, reply) => {
      const { fileName, body } = await attendance.summaryCsv(authOf(req), req.params.id, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${fileName.ascii}"; filename*=UTF-8''${fileName.utf8}`,
        )
        .send(body);
    },
  );

  r.get(
    '/api/v1/live-sessions',
    { schema: { tags, querystring: liveSessionListQuery, response: { 200: liveSessionList } } },
    async (req) => ({ items: await sessions.list(authOf(req), req.query) }),
  );
  r.post(
    '/api/v1/classes/:id/live-sessions',
    { schema: { tags, params: idParams, body: liveSessionInput, response: { 201: liveSession } } },
    async (req, reply) => reply.code(201).send(await sessions.schedule(authOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/live-sessions/:id',
    { schema: { tags, params: idParams, response: { 200: liveSession } } },
    (req) => sessions.get(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/live-sessions/:id',
    { schema: { tags, params: idParams, body: liveSessionPatch, response: { 200: liveSession } } },
    (req) => sessions.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/live-sessions/:id/cancel',
    { schema: { tags, params: idParams, response: { 200: liveSession } } },
    (req) => sessions.cancel(authOf(req), req.params.id),
  );
}
