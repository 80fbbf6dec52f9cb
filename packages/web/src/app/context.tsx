import type { Locale, Me } from '@lawh/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../i18n';

export interface AppContext {
  locale: Locale;
  t: Translate;
  setLocale: (l: Locale) => void;
  me: Me | null;
  refreshMe: () => Promise<void>;
  /** Intl locale for numbers and dates (Latin digits in Arabic). */
  intl: string;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useApp outside <App>');
  return c;
}
