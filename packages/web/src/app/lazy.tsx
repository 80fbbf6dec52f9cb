import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Notice, Spinner } from '../ui/page';
import { useApp } from './context';

export type LazyView<P extends object> = FunctionComponent<P> & {
  /** Fetches the page ahead of its first visit, so that visit renders it at once. */
  preload: () => Promise<unknown>;
};

/**
 * A page fetched on first use. The tablet's picker, sign-in and home stay in the first bundle; the
 * admin and authoring pages and the tablet's players load only when opened (or preloaded), so a
 * learner's cold start parses a fraction of the app. The service worker precaches every chunk, so
 * a lazy page still opens offline.
 */

export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyView<P> {
  let loaded: FunctionComponent<P> | null = null;
  let pending: Promise<FunctionComponent<P>> | null = null;
  const get = () => {
    pending ??= load().then(
      (view) => {
        loaded = view;
        return view;
      },
      (err: unknown) => {
        pending = null; // let the next visit try again
        throw err;
      },
    );
    return pending;
  };
  function LazyView(props: P) {
    const { t } = useApp();
    const [view, setView] = useState<FunctionComponent<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (view) return;
      let live = true;
      get().then(
        (v) => live && setView(() => v),
        () => {
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [view]);
    if (view) {
      const View = view;
      return <View {...props} />;
    }
    if (failed) return <Notice kind="error">{t('common.error')}</Notice>;
    return <Spinner label={t('app.loading')} />;
  }
  // A failed preload is forgotten; the visit itself tries again and shows the error.
  return Object.assign(LazyView, { preload: () => get().catch(() => undefined) });
}
