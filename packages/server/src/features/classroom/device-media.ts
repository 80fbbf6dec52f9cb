import { Readable } from 'node:stream';
import { SUBMISSION_MEDIA, submissionMediaKind } from '@lawh/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { AppError, invalid } from '../../errors';
import { isUniqueViolation } from '../../lib/db-errors';
import { nowIso } from '../../lib/time';
import { deviceOf } from '../../plugins/device-auth';
import { type MediaOptions, resolveMedia } from '../media/media.options';
import { mediaRepository } from '../media/media.repository';
import { inspect } from '../media/media-inspect';
import { stageUpload } from '../media/upload-staging';

// A learner's photos and voice notes, uploaded by the tablet before it pushes the submission that
// names them (PUT /api/sync/v1/media/:sha256, device credential). The URL names the bytes: the
// server checks the hash, sniffs the bytes with the media feature's inspection (a file that is not
// what its content-type claims is refused) and keeps the per-kind limits of a submission. A refused
// upload stores nothing; the same bytes twice answer 200.

const MB = 1024 * 1024;
const LARGEST = Math.max(...Object.values(SUBMISSION_MEDIA).map((k) => k.maxBytes));

const params = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex') });
const answer = z.object({
  hash: z.string(),
  mime: z.string(),
  bytes: z.number(),
  kind: z.enum(['photo', 'voice']),
});

export function deviceMediaRoutes(app: FastifyInstance, db: Kysely<DB>, options: MediaOptions = {}): void {
  const { storage, stagingDir } = resolveMedia(options);
  // Raw bodies for this route only, in its own context (other routes keep JSON and multipart).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LARGEST + 1 }, (_req, body, done) =>
      done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.put(
      '/api/sync/v1/media/:sha256',
      {
        bodyLimit: LARGEST + 1,
        // Before the body is read: a tablet without a credential sends nothing.
        onRequest: async (req) => {
          deviceOf(req);
        },
        schema: {
          tags: ['sync'],
          summary:
            "A learner's photo (JPEG/WebP ≤ 2 MB) or voice note (WebM/Ogg/MP4 ≤ 5 MB), raw body, named by its SHA-256",
          params,
          response: { 200: answer, 201: answer },
        },
      },
      async (req, reply) => {
        const claimed = String(req.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim()
          .toLowerCase();
        const kind = claimed ? submissionMediaKind(claimed) : null;
        if (!kind || !claimed)
          throw new AppError(
            415,
            'unsupported_media',
            'content-type: send a photo as image/jpeg or image/webp, a voice note as audio/webm, audio/ogg or audio/mp4',
            { field: 'content-type' },
          );
        const body = req.body as Buffer;
        if (!Buffer.isBuffer(body) || body.length === 0) throw invalid('body', 'the file is empty');
        const limit = SUBMISSION_MEDIA[kind].maxBytes;
        if (body.length > limit)
          throw new AppError(413, 'media_too_large', `A ${kind} may be at most ${limit / MB} MB`, {
            field: 'body',
            kind,
            limit,
          });
        const staged = await stageUpload(Readable.from(body), stagingDir);
        try {
          if (staged.hash !== req.params.sha256)
            throw invalid(
              'sha256',
              'the bytes sent do not have this SHA-256; the upload was damaged or misnamed',
            );
          const held = await mediaRepository.find(db, staged.hash);
          const result = { hash: staged.hash, mime: claimed, bytes: staged.bytes, kind };
          if (held) return reply.code(200).send({ ...result, mime: held.mime });
          const found = await inspect(staged.path, staged.bytes);
          if (found.mime !== claimed)
            throw new AppError(
              415,
              'media_mismatch',
              `content-type: the file claims to be ${claimed} but its bytes are ${found.mime}`,
              { field: 'content-type', claimed, found: found.mime },
            );
          if (!(await storage.has(staged.hash))) await storage.put(staged.hash, body, staged.bytes);
          try {
            await mediaRepository.insert(
              db,
              {
                hash: staged.hash,
                kind: found.kind,
                mime: found.mime,
                bytes: staged.bytes,
                width: found.width,
                height: found.height,
                durationMs: found.durationMs,
                originalName: null,
                createdBy: null,
                createdAt: nowIso(),
              },
              [],
            );
          } catch (e) {
            // The same bytes from another tablet at the same moment: theirs won, the file is the same.
            if (!isUniqueViolation(e)) throw e;
            return reply.code(200).send(result);
          }
          return reply.code(201).send(result);
        } finally {
          await staged.discard();
        }
      },
    );
  });
}
