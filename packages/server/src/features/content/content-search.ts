import { normaliseArabicText } from '@lawh/shared';
import type { Authored } from './content-input';
import { htmlToText } from './content-sanitise';

// Search text is folded here, identically for what is indexed and what is asked, with the same
// normalisation the quiz grader uses (tashkeel, tatweel, hamza forms, ta marbuta, Latin accents,
// case). Neither FTS5 nor PostgreSQL's 'simple' configuration knows Arabic morphology, so the
// index also holds each Arabic word without its article: "الكسور" is found by "كسور".

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
// Longest first: the article, alone or after a one-letter conjunction/preposition (و ب ك ف), and
// "لل" (ل + ال). Two letters must remain, so short words are left alone.
const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const MAX_QUERY_TOKENS = 12;

export function searchTokens(text: string): string[] {
  return normaliseArabicText(text).match(TOKEN) ?? [];
}

function withoutArticle(token: string): string | null {
  for (const a of ARTICLES) {
    if (token.startsWith(a) && token.length - a.length >= 2) return token.slice(a.length);
  }
  return null;
}

/** Folded words to index, each Arabic word followed by its form without the article. */
export function indexText(...parts: Array<string | null | undefined>): string {
  const words: string[] = [];
  for (const t of searchTokens(parts.filter(Boolean).join(' '))) {
    words.push(t);
    const bare = withoutArticle(t);
    if (bare) words.push(bare);
  }
  return words.join(' ');
}

export interface SearchDocument {
  title: string;
  bodyText: string;
  tags: string;
}

function bodyWords(a: Authored): string[] {
  if (a.kind === 'lesson') {
    return a.input.body.blocks
      .flatMap((b) => {
        switch (b.type) {
          case 'richText':
            return [htmlToText(b.html)];
          case 'pdf':
            return [b.title, b.media.name, b.media.alt];
          case 'quiz':
            return [];
          default:
            return [b.caption, b.media.name, b.media.alt];
        }
      })
      .filter((s): s is string => !!s);
  }
  // Prompts, options and hints; never the accepted answers, which a learner could otherwise probe.
  return a.input.items.flatMap((item) => {
    const options =
      'options' in item ? item.options : item.type === 'matching' ? [...item.left, ...item.right] : [];
    return [item.prompt.text, ...item.hints, ...options.map((o) => o.text)];
  });
}

export function searchDocument(a: Authored): SearchDocument {
  const t = a.input.tags;
  return {
    title: indexText(a.input.title),
    bodyText: indexText(...bodyWords(a)),
    tags: indexText(t.cycle, t.level, t.subject, t.unit, t.language),
  };
}

/** The whole document as one string: the `search_text` column, and PostgreSQL's tsvector source. */
export const searchTextOf = (d: SearchDocument) => [d.title, d.tags, d.bodyText].join(' ').trim();

function queryTokens(q: string | undefined): string[] {
  return [...new Set(searchTokens(q ?? ''))].slice(0, MAX_QUERY_TOKENS);
}

/** An FTS5 MATCH expression: every word, as a prefix. null when there is nothing to search for. */
export function ftsQuery(q: string | undefined): string | null {
  const tokens = queryTokens(q);
  return tokens.length ? tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ') : null;
}

/** The same for PostgreSQL's to_tsquery('simple', …). */
export function tsQuery(q: string | undefined): string | null {
  const tokens = queryTokens(q);
  return tokens.length ? tokens.map((t) => `'${t.replaceAll("'", "''")}':*`).join(' & ') : null;
}
