import {
  announcement,
  announcementInput,
  announcementList,
  announcementParams,
  comment,
  commentInput,
  commentList,
  commentThreadList,
  idParams,
  okBody,
  quietHours,
  threadParams,
} from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { messagesService } from './messages.service';
import { quietHoursService } from './quiet-hours.service';

export function messagesRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const messages = messagesService(db);
  const quiet = quietHoursService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['messages'];

  r.get(
    '/api/v1/classes/:id/announcements',
    {
      schema: {
        tags,
        summary: "The class's announcements, newest first",
        params: idParams,
        response: { 200: announcementList },
      },
    },
    async (req) => ({ items: await messages.listAnnouncements(authOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/classes/:id/announcements',
    {
      schema: {
        tags,
        summary: 'Announce to the class: text, a recording, an attachment',
        params: idParams,
        body: announcementInput,
        response: { 201: announcement },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await messages.postAnnouncement(authOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/classes/:id/announcements/:announcementId',
    {
      schema: {
        tags,
        summary: "Take an announcement off the class's tablets",
        params: announcementParams,
        response: { 200: okBody },
      },
    },
    async (req) => {
      await messages.deleteAnnouncement(authOf(req), req.params.id, req.params.announcementId);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/assignments/:id/threads',
    {
      schema: {
        tags,
        summary: "One comment thread per learner the task is for (the class's teachers only)",
        params: idParams,
        response: { 200: commentThreadList },
      },
    },
    (req) => messages.listThreads(authOf(req), req.params.id),
  );
  r.get(
    '/api/v1/assignments/:id/threads/:learnerId',
    {
      schema: {
        tags,
        summary: "A learner's comments on a task, oldest first (the learner and the class's teachers)",
        params: threadParams,
        response: { 200: commentList },
      },
    },
    async (req) => ({ items: await messages.thread(authOf(req), req.params.id, req.params.learnerId) }),
  );
  r.post(
    '/api/v1/assignments/:id/threads/:learnerId',
    {
      schema: {
        tags,
        summary: "Reply in a learner's thread on a task",
        params: threadParams,
        body: commentInput,
        response: { 201: comment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await messages.reply(authOf(req), req.params.id, req.params.learnerId, req.body)),
  );
  r.get(
    '/api/v1/schools/:id/quiet-hours',
    {
      schema: {
        tags,
        summary: "The school's quiet hours ('HH:MM', no tablet notifications from start to end)",
        params: idParams,
        response: { 200: quietHours },
      },
    },
    (req) => quiet.get(authOf(req), req.params.id),
  );
  r.put(
    '/api/v1/schools/:id/quiet-hours',
    {
      schema: {
        tags,
        summary: "Set the school's quiet hours",
        params: idParams,
        body: quietHours,
        response: { 200: quietHours },
      },
    },
    (req) => quiet.set(authOf(req), req.params.id, req.body),
  );
}
