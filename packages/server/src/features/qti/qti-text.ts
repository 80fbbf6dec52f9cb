import { htmlToText, sanitiseRichText } from '../content/content-sanitise';
import { isElement, type XmlElement, type XmlNode } from './qti-xml';

/**
 * QTI item bodies are XHTML. Lawh's prompts and options are plain text, so the markup goes through
 * the lesson sanitiser (whatever it would refuse never reaches a learner) and then becomes text,
 * keeping paragraph breaks. Pictures are collected on the way for the media store.
 */

/** Parts of a body that are not the question: feedback shown later, notes for markers, templates. */
const SKIPPED = new Set([
  'feedbackBlock',
  'feedbackInline',
  'rubricBlock',
  'templateBlock',
  'templateInline',
  'printedVariable',
  'modalFeedback',
  'stylesheet',
  'object',
  'audio',
  'video',
  'script',
  'style',
]);
const KEPT = new Set([
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
  'span',
]);
const RENAMED: Record<string, string> = { b: 'strong', i: 'em', h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3' };
/** Blocks the sanitiser drops: kept as paragraphs so their text does not run together. */
const AS_PARAGRAPH = new Set([
  'div',
  'table',
  'tr',
  'caption',
  'dd',
  'dt',
  'pre',
  'address',
  'figure',
  'figcaption',
  'section',
  'article',
]);

export interface QtiImage {
  /** As written in the item; resolved against the item's folder by the package reader. */
  src: string;
  alt?: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface TextOptions {
  /** What an element is replaced by (a text entry becomes a blank), or undefined to go on. */
  replace?: (el: XmlElement) => string | undefined;
}

function toHtml(node: XmlNode, images: QtiImage[], o: TextOptions): string {
  if (!isElement(node)) return escapeHtml(node);
  const replaced = o.replace?.(node);
  if (replaced !== undefined) return escapeHtml(replaced);
  if (SKIPPED.has(node.name)) return '';
  // QTI 2.0-era items show pictures as <object type="image/png" data="…">.
  if (node.name === 'object' && node.attrs.data && /^image\//.test(node.attrs.type ?? '')) {
    images.push({ src: node.attrs.data });
    return '';
  }
  if (node.name === 'img') {
    if (node.attrs.src)
      images.push({ src: node.attrs.src, ...(node.attrs.alt ? { alt: node.attrs.alt } : {}) });
    return '';
  }
  const inner = node.children.map((c) => toHtml(c, images, o)).join('');
  const tag = RENAMED[node.name] ?? node.name;
  if (tag === 'br') return '<br>';
  if (KEPT.has(tag)) {
    const dir = node.attrs.dir ? ` dir="${escapeHtml(node.attrs.dir)}"` : '';
    return `<${tag}${dir}>${inner}</${tag}>`;
  }
  if (AS_PARAGRAPH.has(tag)) return `<p>${inner}</p>`;
  if (tag === 'td' || tag === 'th') return `${inner} `;
  return inner;
}

/** Sanitised HTML → plain text with one line per paragraph. */
export function plainText(html: string): string {
  const safe = sanitiseRichText(html)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h2|h3|blockquote)>/gi, '\n');
  return htmlToText(safe)
    .split('\n')
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The text of some body nodes and the pictures in them. */
export function readContent(nodes: XmlNode[], o: TextOptions = {}): { text: string; images: QtiImage[] } {
  const images: QtiImage[] = [];
  const html = nodes.map((n) => toHtml(n, images, o)).join('');
  return { text: plainText(html), images };
}

/** Feedback and option text are one line in Lawh. */
export const oneLine = (s: string, max: number) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
