import type { Locale } from '@lawh/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './messages/ar';
import { type Catalogue, en, type MessageKey } from './messages/en';
import { fr } from './messages/fr';
import { zgh } from './messages/zgh';

export type { MessageKey };
export const catalogues: Record<Locale, Catalogue> = { ar, fr, zgh, en };

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

const cache = new Map<string, IntlMessageFormat>();

export function translator(locale: Locale): Translate {
  return (key, values) => {
    const id = `${locale}\u0000${key}`;
    let fmt = cache.get(id);
    if (!fmt) {
      fmt = new IntlMessageFormat(catalogues[locale][key] ?? en[key], intlLocale[locale]);
      cache.set(id, fmt);
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
