import type { Locale } from '@lawh/shared';
import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue, MessageKey } from './messages/en';

export type { Catalogue, MessageKey };

/**
 * Each locale's catalogue is a chunk of its own, loaded when that locale is in use: a cold start
 * parses one catalogue, not four (the service worker precaches all of them, so switching works
 * offline). `en` types the keys; the compiler and i18n.test.ts check the others have every one.
 * Node code (tests, e2e page objects) that wants every catalogue at once imports `./all`.
 */
const loaders: Record<Locale, () => Promise<Catalogue>> = {
  ar: () => import('./messages/ar').then((m) => m.ar),
  fr: () => import('./messages/fr').then((m) => m.fr),
  zgh: () => import('./messages/zgh').then((m) => m.zgh),
  en: () => import('./messages/en').then((m) => m.en),
};
const loaded = new Map<Locale, Promise<Catalogue>>();

/** The locale's catalogue; a failed load (rare: it is precached) is retried on the next call. */
export function loadCatalogue(locale: Locale): Promise<Catalogue> {
  let p = loaded.get(locale);
  if (!p) {
    p = loaders[locale]();
    p.catch(() => loaded.delete(locale));
    loaded.set(locale, p);
  }
  return p;
}

export const LANGUAGE_NAMES: Record<Locale, string> = {
  ar: 'العربية',
  fr: 'Français',
  zgh: 'ⵜⴰⵎⴰⵣⵉⵖⵜ',
  en: 'English',
};
export const isRtl = (locale: Locale) => locale === 'ar';

/**
 * The Intl locale behind each UI language. Morocco writes numbers with Latin digits, which `ar-MA`
 * gives us; grades and dates stay left-to-right inside Arabic text.
 */
export const intlLocale: Record<Locale, string> = { ar: 'ar-MA', fr: 'fr-MA', zgh: 'zgh', en: 'en' };

export type Values = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: Values) => string;

// Speed on a slow tablet, where a cold start draws a few dozen messages. intl-messageformat
// resolves the locale again for every message (Intl.NumberFormat.supportedLocalesOf, ≈ 120 ms of a
// throttled cold start): once per locale is enough. Its Intl formatters are shared per translator
// rather than made per message. A message with no argument, tag or quote is its own output.
const resolveLocale = IntlMessageFormat.resolveLocale;
const resolved = new Map<string, Intl.Locale | undefined>();
IntlMessageFormat.resolveLocale = (locales) => {
  const k = String(locales);
  if (!resolved.has(k)) resolved.set(k, resolveLocale(locales));
  return resolved.get(k);
};
const PLAIN = /^[^{}<']*$/;

function memo<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args) => {
    const k = JSON.stringify(args);
    let v = made.get(k);
    if (v === undefined) {
      v = make(...args);
      made.set(k, v);
    }
    return v;
  };
}

/** `t` for a locale whose catalogue is at hand (from `loadCatalogue`, or `./all` in Node). */
export function makeTranslator(locale: Locale, messages: Catalogue): Translate {
  const cache = new Map<MessageKey, IntlMessageFormat>();
  const formatters: Formatters = {
    getNumberFormat: memo(
      (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
    ),
    getDateTimeFormat: memo(
      (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
    ),
    getPluralRules: memo(
      (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
    ),
  };
  return (key, values) => {
    const message = messages[key] ?? key;
    if (PLAIN.test(message)) return message;
    let fmt = cache.get(key);
    if (!fmt) {
      fmt = new IntlMessageFormat(message, intlLocale[locale], undefined, { formatters });
      cache.set(key, fmt);
    }
    return String(fmt.format(values));
  };
}

const STORAGE_KEY = 'lawh.locale';
export function savedLocale(): Locale {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return v === 'fr' || v === 'zgh' || v === 'en' || v === 'ar' ? v : 'ar';
}
export function saveLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
}
