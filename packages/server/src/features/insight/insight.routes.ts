import {
  classProgress,
  guardianNoteInput,
  guardianSummary,
  guardianSummaryQuery,
  idParams,
  learnerProgress,
  okBody,
  progressQuery,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { insightService } from './insight.service';

export function insightRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const insight = insightService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['insight'];

  r.get(
    '/api/v1/classes/:id/progress',
    {
      schema: {
        tags,
        summary:
          'The class progress grid: each learner against the current assignments, stuck learners flagged',
        params: idParams,
        querystring: progressQuery,
        response: { 200: classProgress },
      },
    },
    (req) => insight.classProgress(authOf(req), req.params.id, req.query.inactiveDays),
  );
  r.get(
    '/api/v1/learners/:id/progress',
    {
      schema: {
        tags,
        summary: "A learner's work in each of their classes the user sees",
        params: idParams,
        querystring: progressQuery,
        response: { 200: learnerProgress },
      },
    },
    (req) => insight.learnerProgress(authOf(req), req.params.id, req.query.inactiveDays),
  );
  r.get(
    '/api/v1/learners/:id/guardian-summary',
    {
      schema: {
        tags,
        summary:
          "The guardians' weekly summary: done, missing, not yet graded, returned grades, teachers' notes",
        params: idParams,
        querystring: guardianSummaryQuery,
        response: { 200: guardianSummary },
      },
    },
    (req) => insight.guardianSummary(authOf(req), req.params.id, req.query.to),
  );
  r.put(
    '/api/v1/learners/:id/guardian-note',
    {
      schema: {
        tags,
        summary: "Set the teacher's note to the guardians for a week (an empty body removes it)",
        params: idParams,
        body: guardianNoteInput,
        response: { 200: okBody },
      },
    },
    async (req) => {
      await insight.saveNote(authOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
}
