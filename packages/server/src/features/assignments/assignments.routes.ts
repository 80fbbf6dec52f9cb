import { assignment, assignmentInput, assignmentPatch, idParams } from '@lawh/shared';
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
        summary: 'Assign a published lesson or quiz, or a task, to the class, some groups or chosen learners',
        params: idParams,
        body: assignmentInput,
        response: { 201: assignment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await assignments.create(authOf(req), req.params.id, req.body)),
  );
  // The class progress grid (/api/v1/classes/:id/progress) is the insight feature's.
  r.patch(
    '/api/v1/assignments/:id',
    {
      schema: {
        tags,
        summary: 'Change the dates, instructions, attachments, audience or scale (not once withdrawn)',
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
  r.get(
    '/api/v1/assignments/:id',
    { schema: { tags, summary: 'One assignment', params: idParams, response: { 200: assignment } } },
    (req) => assignments.get(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/assignments/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a task: new submissions are refused (held back with the reason)',
        params: idParams,
        response: { 200: assignment },
      },
    },
    (req) => assignments.close(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/assignments/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Take new submissions again',
        params: idParams,
        response: { 200: assignment },
      },
    },
    (req) => assignments.reopen(authOf(req), req.params.id),
  );
}
