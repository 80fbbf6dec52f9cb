import { teacherEventsRequest, teacherEventsResponse } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { teacherEventsService } from './teacher-events.service';

export function teacherEventsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const service = teacherEventsService(db);
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/teacher/v1/events',
    {
      schema: {
        tags: ['teacher-events'],
        summary: "Apply a batch from the web app's teacher outbox, each event once (docs/teacher-outbox.md)",
        body: teacherEventsRequest,
        response: { 200: teacherEventsResponse },
      },
    },
    async (req) => ({ results: await service.apply(authOf(req), req.body.events) }),
  );
}
