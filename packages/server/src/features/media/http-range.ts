/** What to send for a `Range` header (RFC 9110 §14), for an object of `size` bytes. */
export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };

/**
 * One range is honoured (`a-b`, `a-`, `-n`). Several ranges are answered with the whole body, which
 * the RFC allows and which no media client of ours asks for; a header we cannot parse is ignored,
 * as the RFC requires, so the client still gets the bytes.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return FULL;
  const unit = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!unit?.[1]) return FULL;
  const specs = unit[1].split(',');
  if (specs.length !== 1) return FULL;
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(specs[0] ?? '');
  if (!spec) return FULL;
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return FULL;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** If-None-Match against our one strong ETag; weak comparison, as the RFC asks for this header. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * If-Range: resume only if the client holds the same bytes (strong comparison); a date or another
 * tag gets the whole object, so a resumed download can never splice two different files.
 */
export const rangeStillValid = (header: string | undefined, etag: string): boolean =>
  header === undefined || header.trim() === etag;
