import type { Locale, Me } from '@lawh/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LoginPage } from '../features/auth/login-page';
import { RequireLearner, TabletProvider } from '../features/tablet/tablet-context';
import { TabletLayout } from '../features/tablet/tablet-layout';
import { type Catalogue, intlLocale, isRtl, loadCatalogue, makeTranslator, saveLocale } from '../i18n';
import { api, setCsrfToken } from '../lib/api';
import { Spinner } from '../ui/page';
import { type AppContext, Ctx, useApp } from './context';
import { Layout } from './layout';
import { match, useLocation } from './router';
import { routes, TabletLessonPage, TabletQuizPage } from './routes';

/** The UI language and its catalogue, loaded before the first render (main.tsx). */
export interface Language {
  locale: Locale;
  messages: Catalogue;
}

export function App({ language }: { language: Language }) {
  const [{ locale, messages }, setLanguage] = useState<Language>(language);
  // The last language asked for: a slower catalogue load must not undo a later choice.
  const wanted = useRef(locale);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const { path } = useLocation();
  const t = useMemo(() => makeTranslator(locale, messages), [locale, messages]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr';
    document.title = t('app.name');
  }, [locale, t]);

  const refreshMe = async () => {
    try {
      const m = await api.get<Me>('/api/v1/auth/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
    } catch {
      setMe(null);
    } finally {
      setChecked(true);
    }
  };
  useEffect(() => {
    void refreshMe();
  }, []);
  // A tablet syncs in the background (a worker) whenever one of its screens is open, but not
  // during a cold start: the worker's script, its IndexedDB and a first sync would compete with
  // drawing the first screens on a slow tablet. (Provisioning and "Sync now" start it at once.)
  const onTablet = path === '/enrol' || path.startsWith('/tablet/') || path === '/tablet';
  useEffect(() => {
    if (!onTablet) return;
    return afterStartUp(() => void import('../tablet/sync-client').then((m) => m.startSync()));
  }, [onTablet]);
  // The players need zod and load on first use; fetch them once the learner home has settled.
  const onHome = path === '/tablet/home';
  useEffect(() => {
    if (!onHome) return;
    return afterStartUp(() => {
      void TabletLessonPage.preload();
      void TabletQuizPage.preload();
    }, PLAYERS_AFTER_MS);
  }, [onHome]);

  const ctx: AppContext = {
    locale,
    t,
    intl: intlLocale[locale],
    me,
    refreshMe,
    setLocale: (l) => {
      wanted.current = l;
      saveLocale(l);
      void loadCatalogue(l).then((m) => {
        if (wanted.current === l) setLanguage({ locale: l, messages: m });
      });
      // The choice follows the account to other devices; failure here changes nothing locally.
      if (me) void api.put('/api/v1/auth/me/locale', { locale: l }).catch(() => undefined);
    },
  };

  // A tablet's screens need no server session (they work offline): no waiting for /auth/me.
  const tablet = routes
    .filter((r) => r.tablet)
    .map((r) => ({ r, params: match(r.path, path) }))
    .find((x) => x.params);
  if (tablet) {
    const view = <tablet.r.view {...tablet.params!} />;
    return (
      <Ctx.Provider value={ctx}>
        <TabletProvider>
          <TabletLayout>{tablet.r.learner ? <RequireLearner>{view}</RequireLearner> : view}</TabletLayout>
        </TabletProvider>
      </Ctx.Provider>
    );
  }

  if (!checked) return <Spinner label={t('app.loading')} />;
  if (!me) {
    return (
      <Ctx.Provider value={ctx}>
        <LoginPage />
      </Ctx.Provider>
    );
  }
  const found = routes
    .filter((r) => r.roles.includes(me.role))
    .map((r) => ({ r, params: match(r.path, path) }))
    .find((x) => x.params);
  return (
    <Ctx.Provider value={ctx}>
      <Layout>{found ? <found.r.view {...found.params!} /> : <NotFound />}</Layout>
    </Ctx.Provider>
  );
}

function NotFound() {
  const { t } = useApp();
  return (
    <section class="page">
      <h1 tabIndex={-1}>{t('app.notFound')}</h1>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </section>
  );
}

/** Start-up work that can wait: after `ms`, when the page is idle. Returns a cancel function. */
const SYNC_AFTER_MS = 3000;
const PLAYERS_AFTER_MS = 300;
function afterStartUp(run: () => void, ms = SYNC_AFTER_MS): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: 2000 });
    else run();
  }, ms);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
