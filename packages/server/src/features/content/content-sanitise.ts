import type { LessonBody } from '@lawh/shared';
import sanitizeHtml from 'sanitize-html';

// The lesson editor's output is the only HTML Lawh renders, on every learner's tablet. Anything the
// editor cannot produce is dropped here, on save, so a crafted request cannot store script that
// runs later in a learner's WebView.

const TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'u',
  's',
  'h2',
  'h3',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'span',
  'bdi',
];

// Direction is what makes Arabic with embedded numbers or French render right (DESIGN.md principle 5).
const DIRS = new Set(['rtl', 'ltr', 'auto']);
const LANG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;
const LINK = /^(https?:|mailto:)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: {
    ...Object.fromEntries(TAGS.map((t) => [t, ['dir']])),
    a: ['href', 'rel', 'dir'],
    span: ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  transformTags: {
    '*': (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = { ...attribs };
      if (out.dir !== undefined && !DIRS.has(out.dir)) delete out.dir;
      if (out.lang !== undefined && !LANG.test(out.lang)) delete out.lang;
      if (tagName === 'a') {
        // Relative links would resolve inside the app; only absolute web and mail links are useful.
        if (out.href !== undefined && !LINK.test(out.href.trim())) delete out.href;
        out.rel = 'noopener';
      }
      return { tagName, attribs: out };
    },
  },
};

export const sanitiseRichText = (html: string): string => sanitizeHtml(html, OPTIONS);

export function sanitiseLessonBody(body: LessonBody): LessonBody {
  return {
    ...body,
    blocks: body.blocks.map((b) => (b.type === 'richText' ? { ...b, html: sanitiseRichText(b.html) } : b)),
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of sanitised HTML, for the search index. */
export function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
}
