import { LOCALES, type Locale } from '@lawh/shared';
import { LANGUAGE_NAMES } from '../i18n';
import { useApp } from './context';

// Its own module: the tablet's first screen and the sign-in page use it without the staff layout
// (and the teacher outbox that comes with it).

export function LanguagePicker() {
  const { t, locale, setLocale } = useApp();
  return (
    <label class="lang">
      <span>{t('app.language')}</span>
      <select value={locale} onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
