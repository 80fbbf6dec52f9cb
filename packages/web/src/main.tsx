import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import '@fontsource/noto-sans-tifinagh/400.css';
import './ui/styles.css';
import './ui/forms.css';
import './ui/blocks.css';
import type { Locale } from '@lawh/shared';
import { render } from 'preact';
import { App } from './app/app';
import { loadCatalogue, savedLocale } from './i18n';
import { startSchoolClock } from './lib/school-clock';

// The first render waits for the active locale's catalogue (a small chunk, precached) and, briefly,
// for that locale's fonts: text laid out before its web font has arrived is laid out twice, the
// first time through a search of the system's fonts, which on a slow tablet costs more than the
// wait (the service worker serves the fonts from its cache in a few milliseconds). It also waits
// for the school's clock on a first start (lib/school-clock.ts), so no page shows the wrong day.
const locale = savedLocale();
const FONT_SAMPLE: Record<Locale, [family: string, text: string]> = {
  ar: ['Noto Sans Arabic', 'عربي Aa'],
  fr: ['Noto Sans Arabic', 'Aaé'],
  en: ['Noto Sans Arabic', 'Aa'],
  zgh: ['Noto Sans Tifinagh', 'ⵜⴰⵎ Aa'],
};
function localeFonts(l: Locale): Promise<unknown> {
  if (!('fonts' in document)) return Promise.resolve();
  const [family, text] = FONT_SAMPLE[l];
  const loads = [
    document.fonts.load(`1em "${family}"`, text),
    document.fonts.load(`bold 1em "${family}"`, text),
  ];
  if (family !== 'Noto Sans Arabic') loads.push(document.fonts.load('1em "Noto Sans Arabic"', 'Aa'));
  const giveUp = new Promise((resolve) => setTimeout(resolve, 300));
  return Promise.race([Promise.all(loads), giveUp]).catch(() => undefined);
}

void Promise.all([loadCatalogue(locale), localeFonts(locale), startSchoolClock()]).then(([messages]) => {
  render(<App language={{ locale, messages }} />, document.getElementById('app')!);
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/sw.js', { type: 'module' }).catch(() => {
    // The app still works online without a service worker; nothing to tell the user.
  });
}
