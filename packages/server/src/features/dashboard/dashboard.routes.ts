import { dashboard } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { dashboardService } from './dashboard.service';

export function dashboardRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const service = dashboardService(db);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'The signed-in user’s home page: numbers for admins, classes for teachers and learners',
        response: { 200: dashboard },
      },
    },
    (req) => service.forUser(authOf(req)),
  );
}
