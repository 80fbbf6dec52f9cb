import { classGroup, classGroupInput, classGroupPatch, idParams } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { groupsService } from './groups.service';

export function groupsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const groups = groupsService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classroom'];

  r.get(
    '/api/v1/classes/:id/groups',
    {
      schema: {
        tags,
        summary: "The class's groups",
        params: idParams,
        response: { 200: z.array(classGroup) },
      },
    },
    (req) => groups.list(authOf(req), req.params.id),
  );
  r.post(
    '/api/v1/classes/:id/groups',
    {
      schema: {
        tags,
        summary: 'A new group of learners of the class',
        params: idParams,
        body: classGroupInput,
        response: { 201: classGroup },
      },
    },
    async (req, reply) => reply.code(201).send(await groups.create(authOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/v1/groups/:id',
    {
      schema: {
        tags,
        summary: 'Rename a group or set its learners',
        params: idParams,
        body: classGroupPatch,
        response: { 200: classGroup },
      },
    },
    (req) => groups.update(authOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/groups/:id',
    { schema: { tags, summary: 'Delete a group (tasks given to it keep their learners)', params: idParams } },
    async (req, reply) => {
      await groups.remove(authOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
