import { gradeInput, gradingQueue, idParams, submissionAttempt } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { gradingService } from './grading.service';

export function gradingRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const grading = gradingService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classroom'];

  r.get(
    '/api/v1/assignments/:id/submissions',
    {
      schema: {
        tags,
        summary: "The task's grading queue: each learner it is for, their state and attempts",
        params: idParams,
        response: { 200: gradingQueue },
      },
    },
    (req) => grading.queue(authOf(req), req.params.id),
  );
  r.put(
    '/api/v1/submissions/:id/grade',
    {
      schema: {
        tags,
        summary:
          'Set the grade (points or rubric levels) and feedback of the latest attempt; optionally return it',
        params: idParams,
        body: gradeInput,
        response: { 200: submissionAttempt },
      },
    },
    (req) => grading.grade(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/submissions/:id/return',
    {
      schema: {
        tags,
        summary: 'Return graded work: it reaches the learner on the next sync',
        params: idParams,
        response: { 200: submissionAttempt },
      },
    },
    (req) => grading.return(authOf(req), req.params.id),
  );
}
