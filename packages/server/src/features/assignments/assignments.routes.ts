import { assignment, assignmentInput, assignmentPatch, classProgress, idParams } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { assignmentsService } from './assignments.service';

export function assignmentsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const assignments = assignmentsService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assignments'];

  r.get(
    '/api/v1/classes/:id/assignments',
    {
      schema: {
        tags,
        summary: "The class's current assignments, soonest due first",
        params: idParams,
        response: { 200: z.array(assignment) },
      },
    },
    (req) => assignments.list(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/classes/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Assign a published lesson or quiz to the class',
        params: idParams,
        body: assignmentInput,
        response: { 201: assignment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await assignments.create(authOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/classes/:id/progress',
    {
      schema: {
        tags,
        summary: "Each learner's progress on the class's assignments, as the tablets reported it",
        params: idParams,
        response: { 200: classProgress },
      },
    },
    (req) => assignments.progress(authOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/assignments/:id',
    {
      schema: {
        tags,
        summary: 'Change the dates',
        params: idParams,
        body: assignmentPatch,
        response: { 200: assignment },
      },
    },
    (req) => assignments.update(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/assignments/:id/withdraw',
    {
      schema: {
        tags,
        summary: "Take the assignment off the class's tablets (learners' work is kept)",
        params: idParams,
        response: { 200: assignment },
      },
    },
    (req) => assignments.withdraw(authOf(req), req.params.id),
  );
}
