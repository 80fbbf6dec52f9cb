import { idParams, learnerSignInInput, learnerSignInStatus } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { learnerSignInService } from './learner-sign-in.service';

export function learnerSignInRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const signIn = learnerSignInService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['learners'];
  const path = '/api/v1/learners/:id/sign-in';

  r.get(
    path,
    {
      schema: {
        tags,
        summary: "Whether the learner's tablet picture code and PIN are set",
        params: idParams,
        response: { 200: learnerSignInStatus },
      },
    },
    (req) => signIn.status(authOf(req), req.params.id),
  );
  r.put(
    path,
    {
      schema: {
        tags,
        summary: 'Set the picture code (three different pictures, in order) and/or the 4-digit PIN',
        params: idParams,
        body: learnerSignInInput,
        response: { 200: learnerSignInStatus },
      },
    },
    (req) => signIn.set(authOf(req), req.params.id, req.body),
  );
  r.delete(
    path,
    {
      schema: {
        tags,
        summary: 'Reset both: the learner cannot sign in on a tablet until new ones are set',
        params: idParams,
        response: { 200: learnerSignInStatus },
      },
    },
    (req) => signIn.reset(authOf(req), req.params.id),
  );
}
