import { parseRetryAfter } from '@lawh/shared/lib/backoff';
import { JsonText } from './local-logic';

// The tablet's HTTP calls to /api/sync/v1: bearer device credential, gzip bodies, byte counting.

/** A sync request that failed; status 0 means no connection. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Wire bytes of one request and its answer (bodies as sent, plus a rough allowance for headers). */
export type Meter = (up: number, down: number) => void;
const HEADER_ALLOWANCE = 350;

export async function gzip(parts: string[]): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob(parts).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * POSTs JSON (gzipped when the browser can) and parses the JSON answer, or throws SyncHttpError.
 * A JsonText body is sent as it is (a push batch, serialised once by takeBatch).
 */
export async function postSync<T>(
  path: string,
  body: unknown,
  token: string | null,
  meter: Meter,
): Promise<T> {
  // A push batch stays in its parts: one string of it would be a large object (ADR 0009).
  const json = body instanceof JsonText ? body : new JsonText([JSON.stringify(body)]);
  const zipped = json.length > 512 ? await gzip(json.parts) : null;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    ...(token ? bearer(token) : {}),
  };
  if (zipped) headers['content-encoding'] = 'gzip';
  const payload: Uint8Array<ArrayBuffer> = zipped ?? new TextEncoder().encode(json.parts.join(''));
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: payload, credentials: 'omit' });
  } catch {
    throw new SyncHttpError(0, 'network', 'No connection to the server');
  }
  const text = await res.text().catch(() => '');
  const length = Number(res.headers.get('content-length'));
  meter(
    payload.byteLength + HEADER_ALLOWANCE,
    (Number.isFinite(length) && length > 0 ? length : text.length) + 200,
  );
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new SyncHttpError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
      err?.details,
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }
  return data as T;
}
