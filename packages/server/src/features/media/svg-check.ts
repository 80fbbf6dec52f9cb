/**
 * Decides whether text is an SVG image we are willing to serve from our own origin. An SVG opened
 * directly runs its scripts with the site's cookies, so anything that could carry script or fetch
 * elsewhere is refused rather than cleaned: the check is deliberately conservative, and a teacher
 * whose drawing is refused can export it as PNG.
 */
export type SvgVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_svg' }
  | { ok: false; reason: 'unsafe'; found: string };

/** What may stand before the root: the XML declaration, comments, and a DOCTYPE without a subset. */
const PROLOG = /^(?:\s+|<\?xml\s[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*>)*/i;

const UNSAFE_TEXT: Array<[RegExp, string]> = [
  // Elements may carry a namespace prefix (<svg:script>), which browsers honour.
  [/<(?:[\w.-]+:)?script\b/i, '<script>'],
  [/<(?:[\w.-]+:)?foreignObject\b/i, '<foreignObject>'],
  [/<(?:[\w.-]+:)?(?:iframe|embed|object|handler|listener)\b/i, 'embedded content'],
  [/(?:java|vb)script:/i, 'a javascript: URL'],
  [/<!ENTITY/i, 'an entity declaration'],
  [/<!DOCTYPE[^>]*\[/i, 'an internal DTD'],
  [/@import/i, 'a CSS @import'],
  [/<\?xml-stylesheet/i, 'an external stylesheet'],
];

/** A start tag with its attributes, quoted values allowed to hold any character but their quote. */
const START_TAG =
  /<[A-Za-z][\w:.-]*((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE_NAME = /\s+([^\s=>/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** Names an event-handler attribute, or markup too odd to read with confidence. */
function unsafeTag(text: string): string | null {
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (!/[A-Za-z]/.test(text[at + 1] ?? '')) continue;
    START_TAG.lastIndex = at;
    const tag = START_TAG.exec(text);
    if (!tag) return 'markup that cannot be read safely';
    for (const [, name] of (tag[1] ?? '').matchAll(ATTRIBUTE_NAME))
      if (name && /^on/i.test(name)) return `an event-handler attribute (${name})`;
  }
  return null;
}

export function checkSvg(bytes: Buffer): SvgVerdict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, reason: 'not_svg' };
  }
  if (!/<svg[\s>/]/i.test(text)) return { ok: false, reason: 'not_svg' };
  // Character references could spell "javascript:" past a plain search; decode them, and drop the
  // whitespace and control characters a browser ignores inside a URL scheme.
  const decoded = text
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => safeChar(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => safeChar(Number.parseInt(d, 10)));
  const squeezed = decoded.replace(/[\s\p{Cc}]+/gu, '');
  for (const [pattern, found] of UNSAFE_TEXT)
    if (pattern.test(decoded) || pattern.test(squeezed)) return { ok: false, reason: 'unsafe', found };

  const afterProlog = text.slice(PROLOG.exec(text)?.[0].length ?? 0);
  const isSvgDocument =
    /^<svg[\s>/]/i.test(afterProlog) &&
    (/<\/svg\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(text) || /^<svg[^>]*\/>\s*$/i.test(afterProlog));
  if (!isSvgDocument) return { ok: false, reason: 'not_svg' };
  const badTag = unsafeTag(text);
  return badTag ? { ok: false, reason: 'unsafe', found: badTag } : { ok: true };
}

const safeChar = (code: number) => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '');
