import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../errors';

/**
 * XML → a small element tree that keeps mixed content in order (a text entry sits in the middle of
 * a sentence). QTI 3.0 names (`qti-choice-interaction`, `max-choices`) are rewritten to their QTI 2.1
 * spelling (`choiceInteraction`, `maxChoices`) so one reader serves both versions.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

/** `qti-simple-choice` → `simpleChoice`; HTML names are left alone. */
const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const qti2Name = (name: string) => (name.startsWith('qti-') ? camel(name.slice(4)) : name);
const attrName = (name: string) => (/^(data|aria)-/.test(name) ? name : camel(name));

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of raw) {
    if ('#text' in node) {
      out.push(String(node['#text']));
      continue;
    }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name.startsWith('?') || name.startsWith('!')) continue;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries((node[':@'] as Raw | undefined) ?? {}))
      attrs[attrName(k)] = String(v);
    out.push({ name: qti2Name(name), attrs, children: convert((node[name] as Raw[]) ?? []) });
  }
  return out;
}

/** A file that is not well-formed XML: the import stops and names it (the teacher fixes the package). */
export const badXml = (file: string, why: string) =>
  new AppError(400, 'invalid_qti', `${file} is not valid XML: ${why}`, { file });

/** Parses one XML file; its root element, or a 400 naming the file and the line. */
export function parseXml(text: string, file: string): XmlElement {
  if (/<!ENTITY/i.test(text)) throw badXml(file, 'entity declarations are not accepted');
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) throw badXml(file, `line ${valid.err.line}: ${valid.err.msg}`);
  const root = convert(parser.parse(text) as Raw[]).find(isElement);
  if (!root) throw badXml(file, 'no root element');
  return root;
}

/** The root element's name as written, before QTI 3.0 names are rewritten (tells the version). */
export function rootNameOf(text: string): string | null {
  return (
    /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text.replace(/<[?!][\s\S]*?>/g, ''))?.[1] ?? null
  );
}

export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => isElement(c) && c.name === name);

export const childNamed = (el: XmlElement, name: string): XmlElement | undefined =>
  childrenNamed(el, name)[0];

/** Every descendant (depth first, document order) that passes the test. */
export function descendants(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (test(c)) found.push(c);
      walk(c);
    }
  };
  walk(el);
  return found;
}

/** All the text under an element, whitespace collapsed. */
export function textOf(el: XmlNode): string {
  if (!isElement(el)) return el;
  return el.children.map(textOf).join('');
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
