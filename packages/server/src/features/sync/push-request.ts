import { type PushRequest, type PushResponse, pushRequest } from '@lawh/shared';
import type { FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { DeviceAuth } from '../../plugins/device-auth';
import { validationFailed } from '../../plugins/errors';
import { compileCheck } from './fast-check';
import { pushService } from './push.service';
import { parseJsonBody } from './push-json';
import { MIN_APP_VERSION } from './sync.config';

// A push from its raw JSON body to its answer: parse, check, store. The same steps Fastify would
// take for a JSON route, with the same errors, but callable off the request thread: the push worker
// (push-worker.ts) runs this, so a push's parsing, checking and SQLite work leave the event loop.

export interface PushOutcome {
  response: PushResponse;
  /** Scopes whose rows the push changed; the request thread pokes their live tablets. */
  changed: string[];
}

/** Whether version a (x.y.z) is older than b. */
export function olderThan(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

const check = compileCheck(pushRequest);
const zodCheck = validatorCompiler({
  schema: pushRequest,
  method: 'POST',
  url: '/api/sync/v1/push',
  httpPart: 'body',
});

/**
 * The body as Fastify's JSON parser and the route's schema would take it, or their 400. `raw` is
 * the bytes of a JSON body; a body Fastify parsed otherwise (text, or none at all) goes to the
 * schema as it is, as it did when Fastify checked it.
 */
export function parsePush(raw: unknown): PushRequest {
  let body: unknown = raw;
  if (raw instanceof Uint8Array) {
    // Fastify's own messages and codes (plugins/errors.ts), so a tablet sees no difference.
    if (raw.byteLength === 0)
      throw new AppError(
        400,
        'invalid_json',
        "Body cannot be empty when content-type is set to 'application/json'",
      );
    try {
      body = parseJsonBody(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    } catch {
      throw new AppError(
        400,
        'invalid_json',
        "Body is not valid JSON but content-type is set to 'application/json'",
      );
    }
  }
  if (check?.(body)) return body as PushRequest;
  const result = zodCheck(body) as { value?: unknown; error?: FastifySchemaValidationError[] };
  if (result.error) throw validationFailed('body', result.error);
  return result.value as PushRequest;
}

export function pushRequestHandler(database: Pick<Database, 'db' | 'dialect'>) {
  const push = pushService(database);
  return async (device: DeviceAuth, raw: unknown): Promise<PushOutcome> => {
    const body = parsePush(raw);
    // Before anything is stored: an old app keeps its outbox until it is updated.
    if (olderThan(body.status.appVersion, MIN_APP_VERSION))
      throw new AppError(426, 'update_required', 'This app is too old to sync; update it', {
        minAppVersion: MIN_APP_VERSION,
      });
    return push.push(device, body);
  };
}
