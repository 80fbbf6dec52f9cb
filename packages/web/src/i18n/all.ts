import type { Locale } from '@lawh/shared';
import { makeTranslator, type Translate } from './index';
import { ar } from './messages/ar';
import { type Catalogue, en } from './messages/en';
import { fr } from './messages/fr';
import { zgh } from './messages/zgh';

// Every catalogue at once, for Node (unit tests, e2e page objects). The app loads only the active
// locale's (`loadCatalogue` in ./index); never import this file from the app.
export const catalogues: Record<Locale, Catalogue> = { ar, fr, zgh, en };

const translators = new Map<Locale, Translate>();
export function translator(locale: Locale): Translate {
  const t = translators.get(locale) ?? makeTranslator(locale, catalogues[locale]);
  translators.set(locale, t);
  return t;
}
