import {
  academicSession,
  academicSessionInput,
  academicSessionListQuery,
  academicSessionPatch,
  idParams,
  page,
  type SchoolClock,
  schoolClock,
  schoolClockFor,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { nowIso } from '../../lib/time';
import { authOf } from '../../plugins/auth';
import { calendarService } from './calendar.service';

export function calendarRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const calendar = calendarService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const path = '/api/v1/academic-sessions';

  // Public: it is the same for everyone and a page needs it before anyone signs in. Pages keep it
  // for offline use and ask again once a day (web/src/lib/school-clock.ts); caches keep it an hour.
  r.get('/api/v1/school-clock', { schema: { tags, response: { 200: schoolClock } } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return clockOfToday();
  });

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

const YEAR_MS = 365 * 86_400_000;
let cached: { day: string; clock: SchoolClock } | null = null;

/** Two years back (dates already recorded) to two years ahead, computed once a UTC day. */
function clockOfToday(): SchoolClock {
  const today = nowIso().slice(0, 10);
  if (cached?.day !== today) {
    const midnight = Date.parse(`${today}T00:00:00Z`);
    cached = {
      day: today,
      clock: schoolClockFor(new Date(midnight - 2 * YEAR_MS), new Date(midnight + 2 * YEAR_MS)),
    };
  }
  return cached.clock;
}
