import { mediaHashParams, mediaRecord } from '@lawh/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { invalid } from '../../errors';
import { authOf, COOKIELESS_PREFIX } from '../../plugins/auth';
import { deviceOf } from '../../plugins/device-auth';
import { decideRange, matchesEtag, rangeStillValid } from './http-range';
import { type MediaOptions, resolveMedia } from './media.options';
import { type IncomingFile, mediaService } from './media.service';
import { MAX_UPLOAD_BYTES } from './media-inspect';
import { sweepStaleUploads } from './upload-staging';
import { videoRenditionJobs } from './video-renditions';

/**
 * A media file opened on its own (a new tab) must not run anything, whatever slipped through:
 * this CSP replaces the app's for these responses only.
 */
const MEDIA_CSP =
  "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

export function mediaRoutes(app: FastifyInstance, db: Kysely<DB>, options: MediaOptions = {}): void {
  const resolved = resolveMedia(options);
  const videoJobs = videoRenditionJobs({
    ffmpeg: resolved.ffmpeg,
    storage: resolved.storage,
    db,
    log: app.log,
  });
  app.addHook('onClose', () => videoJobs.close());
  app.addHook('onReady', async () => {
    const removed = await sweepStaleUploads(resolved.stagingDir);
    if (removed) app.log.info({ removed }, 'removed unfinished uploads');
  });
  const media = mediaService(db, resolved, videoJobs);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['media'];

  const receive = (req: FastifyRequest) => async (): Promise<IncomingFile> => {
    // One more byte than the largest kind allows, so the per-kind check (which names the limit)
    // trips before the parser silently cuts the file.
    const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } });
    if (!part) throw invalid('file', 'send the file as multipart form field "file"');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw invalid('file', `send the file as multipart form field "file", not "${part.fieldname}"`);
    }
    return { stream: part.file, filename: part.filename, truncated: () => part.file.truncated };
  };

  r.post(
    '/api/v1/media',
    {
      schema: {
        tags,
        summary: 'Upload an image, audio, video or PDF (multipart field "file"); staff only',
        consumes: ['multipart/form-data'],
        response: { 200: mediaRecord, 201: mediaRecord },
      },
    },
    async (req, reply) => {
      const { record, created } = await media.upload(authOf(req), receive(req));
      return reply.code(created ? 201 : 200).send(record);
    },
  );

  r.get(
    '/api/v1/media/:hash/info',
    { schema: { tags, params: mediaHashParams, response: { 200: mediaRecord } } },
    (req) => media.info(authOf(req), req.params.hash),
  );

  const serve = async (req: FastifyRequest<{ Params: { hash: string } }>, reply: FastifyReply) => {
    const { hash } = req.params;
    const { mime, bytes } = await media.find(
      req.url.startsWith(COOKIELESS_PREFIX) ? deviceOf(req) : authOf(req),
      hash,
    );
    const etag = `"${hash}"`;
    // As RFC 9110 §13.2.2 orders them: If-None-Match first, then If-Range, then Range.
    const notModified = matchesEtag(req.headers['if-none-match'], etag);
    const ifRange = req.headers['if-range'];
    const range =
      notModified || !rangeStillValid(Array.isArray(ifRange) ? ifRange.join(',') : ifRange, etag)
        ? ({ kind: 'full' } as const)
        : decideRange(req.headers.range, bytes);
    if (range.kind === 'unsatisfiable') {
      // Sent as is rather than thrown: it must carry Content-Range and none of the caching headers.
      return reply
        .code(416)
        .header('content-range', `bytes */${bytes}`)
        .send({
          error: {
            code: 'range_not_satisfiable',
            message: `The range is outside the ${bytes} bytes of this file`,
          },
        });
    }
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('accept-ranges', 'bytes');
    if (notModified) return reply.code(304).send();

    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, bytes - 1];
    reply
      .code(range.kind === 'partial' ? 206 : 200)
      .header('content-type', mime)
      .header('content-length', String(end - start + 1))
      .header('content-security-policy', MEDIA_CSP);
    if (range.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${bytes}`);
    if (req.method === 'HEAD') return reply.send();
    return reply.send(await media.open(hash, { start, end }));
  };

  // A tablet downloads the same bytes under the sync prefix with its device credential
  // (web tablet/media.ts), then keeps them under /api/v1/media/<hash> for its players.
  for (const url of ['/api/v1/media/:hash', '/api/sync/v1/media/:hash'])
    r.route({
      method: ['GET', 'HEAD'],
      url,
      // The strong ETag and byte ranges name the stored bytes; a compressed body would be other bytes.
      compress: false,
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'The bytes of a file or rendition, with Range and ETag',
        params: mediaHashParams,
      },
      handler: serve,
    });
}
