import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

interface Issue {
  field: string;
  message: string;
}

/**
 * Maps every failure to `{ error: { code, message, details? } }`. Request validation names the
 * offending fields; anything unexpected is logged and answered with a 500 that reveals nothing.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .code(err.status)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const e = validationFailed(err.validationContext ?? 'body', err.validation);
      return reply.code(400).send({ error: { code: e.code, message: e.message, details: e.details } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[err.code] ?? 'bad_request';
      return reply.code(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on the server' } });
  });
}

/**
 * The 400 for a request part that fails its schema, naming the fields. Fastify's validation errors
 * come here; so do those of a push checked off the request thread (features/sync/push-request.ts).
 */
export function validationFailed(
  where: string,
  validation: ReadonlyArray<
    Pick<FastifySchemaValidationError, 'instancePath' | 'keyword' | 'params' | 'message'>
  >,
): AppError {
  const issues: Issue[] = validation.flatMap((v) => {
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const keys = (v.params as { keys?: string[] }).keys;
    if (v.keyword === 'unrecognized_keys' && keys) {
      return keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'unknown field' }));
    }
    return [{ field: base || where, message: v.message ?? 'invalid' }];
  });
  const first = issues[0];
  return new AppError(
    400,
    'validation_failed',
    first ? `${first.field}: ${first.message}` : `invalid ${where}`,
    {
      in: where,
      issues,
    },
  );
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_REQ_FILE_TOO_LARGE: 'body_too_large',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'rate_limited',
};
