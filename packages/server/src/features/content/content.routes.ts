import {
  contentDetail,
  contentListQuery,
  contentPublished,
  contentSummary,
  contentVersion,
  contentVersionList,
  contentVersionParams,
  idParams,
  lessonInput,
  page,
  quizInput,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { contentService } from './content.service';

// A draft is a lessonInput or a quizInput according to the stored item's kind, which the route
// does not know; the service validates it and answers with the same 400 shape.
const draftBody = z
  .record(z.string(), z.unknown())
  .meta({ description: 'lessonInput or quizInput, by kind' });

export function contentRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const content = contentService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];
  const item = { tags, params: idParams, response: { 200: contentDetail } };

  r.get(
    '/api/v1/content',
    { schema: { tags, querystring: contentListQuery, response: { 200: page(contentSummary) } } },
    (req) => content.list(authOf(req), req.query),
  );
  r.post(
    '/api/v1/content/lessons',
    { schema: { tags, body: lessonInput, response: { 201: contentDetail } } },
    async (req, reply) => reply.code(201).send(await content.createLesson(authOf(req), req.body)),
  );
  r.post(
    '/api/v1/content/quizzes',
    { schema: { tags, body: quizInput, response: { 201: contentDetail } } },
    async (req, reply) => reply.code(201).send(await content.createQuiz(authOf(req), req.body)),
  );
  r.get('/api/v1/content/:id', { schema: item }, (req) => content.get(authOf(req), req.params.id));
  r.put('/api/v1/content/:id/draft', { schema: { ...item, body: draftBody } }, (req) =>
    content.saveDraft(authOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/content/:id/publish',
    { schema: { tags, params: idParams, response: { 200: contentPublished } } },
    (req) => content.publish(authOf(req), req.params.id),
  );
  r.get(
    '/api/v1/content/:id/versions',
    { schema: { tags, params: idParams, response: { 200: contentVersionList } } },
    (req) => content.versions(authOf(req), req.params.id),
  );
  r.get(
    '/api/v1/content/:id/versions/:version',
    { schema: { tags, params: contentVersionParams, response: { 200: contentVersion } } },
    (req) => content.version(authOf(req), req.params.id, req.params.version),
  );
  r.post('/api/v1/content/:id/archive', { schema: item }, (req) =>
    content.setArchived(authOf(req), req.params.id, true),
  );
  r.post('/api/v1/content/:id/restore', { schema: item }, (req) =>
    content.setArchived(authOf(req), req.params.id, false),
  );
}
