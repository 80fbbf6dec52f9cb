import type { ContentLanguage, ContentTags } from '@lawh/shared';

/** Field errors keyed by the server's dotted path ('items.2.correct'), as useForm collects them. */
export type FieldErrors = Record<string, string>;

/** The errors under one prefix, with the prefix removed: what an item's or a block's editor shows. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  const p = `${prefix}.`;
  for (const [k, v] of Object.entries(errors)) {
    if (k === prefix) out[''] = v;
    else if (k.startsWith(p)) out[k.slice(p.length)] = v;
  }
  return out;
}

/** The first error at or below a field, so a list ("options") can show what went wrong inside it. */
export function firstError(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const hit = Object.entries(errors).find(([k]) => k.startsWith(`${field}.`));
  return hit?.[1];
}

/**
 * Direction and language of inputs holding authored content. Tamazight in Tifinagh is written
 * left to right; `lang` picks the Tifinagh font (styles.css) and the right spell-checker.
 */
export function contentDir(language: ContentLanguage): { dir: 'rtl' | 'ltr'; lang: string } {
  return { dir: language === 'ar' ? 'rtl' : 'ltr', lang: language };
}

/** New content starts in the author's interface language, the likeliest language of what they write. */
export const defaultTags = (language: ContentLanguage): ContentTags => ({
  cycle: 'primaire',
  level: '1AP',
  subject:
    language === 'fr'
      ? 'french'
      : language === 'zgh'
        ? 'tamazight'
        : language === 'en'
          ? 'english'
          : 'arabic',
  language,
});

/** Moves the element at `i` by `delta` places; out-of-range moves leave the list as it is. */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

export const replaceAt = <T>(list: readonly T[], i: number, value: T): T[] =>
  list.map((x, k) => (k === i ? value : x));

export const removeAt = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);
