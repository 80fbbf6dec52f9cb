import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import '@fontsource/noto-sans-tifinagh/400.css';
import './ui/styles.css';
import { render } from 'preact';
import { App } from './app/app';
import { loadCatalogue, savedLocale } from './i18n';

// The first render waits for the active locale's catalogue only (a small chunk, precached).
const locale = savedLocale();
void loadCatalogue(locale).then((messages) => {
  render(<App language={{ locale, messages }} />, document.getElementById('app')!);
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('/sw.js', { type: 'module' }).catch(() => {
    // The app still works online without a service worker; nothing to tell the user.
  });
}
