import secureJson from 'secure-json-parse';

// A push body's JSON, parsed as Fastify's parser would (secure-json-parse, prototype keys refused),
// but a tablet's large body piece by piece (ADR 0009). A 1 MB body decoded at once is one string
// in V8's large-object space, whose fresh pages fault in one by one on every push; pieces of about
// 25 KB stay in the young generation, and a piece without accents stays one byte per character.

const parse = (text: string): unknown =>
  secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });

/** Below this, a body decodes to a string of ordinary size: no gain in pieces. */
const PIECES_FROM = 64 * 1024;
/** The status before the events: a few hundred bytes from a tablet. */
const HEAD_MOST = 16 * 1024;
// Preceded by `{` or `,`, its quote opens a key: a quote that closed a string would leave `events`
// bare, which no head that parses has.
const EVENTS_OPEN = Buffer.from('"events":[');
const SEPARATOR = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]}');

/** The value of a JSON body; throws as JSON.parse does. `piecesFrom`: tests try small bodies. */
export function parseJsonBody(bytes: Buffer, piecesFrom = PIECES_FROM): unknown {
  return (bytes.length >= piecesFrom && inPieces(bytes)) || parse(bytes.toString('utf8'));
}

/**
 * The body laid out as the tablet's pushBody lays it out, parsed piece by piece:
 * `{…,"events":[` newline, pieces of events separated by `,` newline, then newline `]}`. Null for
 * any other body, or any piece that does not parse, so that the whole parse decides it: every
 * result here is the one the whole parse gives. A raw newline is never inside a JSON string, and a
 * piece that parses as an array's elements closes every bracket it opens, so the separators are
 * the events array's own commas.
 */
export function inPieces(bytes: Buffer): Record<string, unknown> | null {
  const open = bytes.indexOf(0x0a);
  const key = open - EVENTS_OPEN.length;
  if (key < 1 || open > HEAD_MOST) return null;
  const close = bytes.length - CLOSE.length;
  if (!bytes.subarray(close).equals(CLOSE)) return null;
  if (!bytes.subarray(key, open).equals(EVENTS_OPEN)) return null;
  if (bytes[key - 1] !== 0x7b && bytes[key - 1] !== 0x2c) return null;
  let body: unknown;
  try {
    // The head with the events array closed at once: the array it opens is the value of its last
    // key, `events`, so the whole parse keeps it over any earlier duplicate.
    body = parse(`${bytes.toString('utf8', 0, open)}]}`);
  } catch {
    return null;
  }
  const head = body as Record<string, unknown> | null;
  if (!Array.isArray(head?.events)) return null;
  const events: unknown[] = [];
  for (let at = open + 1; at <= close; ) {
    let end = bytes.indexOf(SEPARATOR, at);
    if (end === -1 || end + SEPARATOR.length > close) end = close;
    let piece: unknown;
    try {
      piece = parse(`[${bytes.toString('utf8', at, end)}]`);
    } catch {
      return null;
    }
    // An empty piece would hide a stray comma.
    if (!Array.isArray(piece) || piece.length === 0) return null;
    for (const e of piece) events.push(e);
    at = end + SEPARATOR.length;
  }
  head.events = events;
  return head;
}
