/**
 * How long to wait before retry `attempt` (1 = first retry): "full jitter" exponential backoff, so
 * 200 tablets failing at 08:00 spread out instead of coming back together. A server's Retry-After
 * is a floor, never shortened. `random` is injectable for tests.
 */
export function backoffMs(
  attempt: number,
  opts: { baseMs?: number; capMs?: number; retryAfterMs?: number | null; random?: () => number } = {},
): number {
  const { baseMs = 1000, capMs = 5 * 60_000, retryAfterMs = null, random = Math.random } = opts;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling * random());
  if (retryAfterMs === null) return Math.max(baseMs / 2, jittered);
  // Spread retries over [Retry-After, Retry-After + ceiling/2] rather than all at Retry-After.
  return retryAfterMs + Math.round((ceiling / 2) * random());
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
