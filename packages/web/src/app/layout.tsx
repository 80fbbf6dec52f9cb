import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { api } from '../lib/api';
import { clearOfflineCopies, setOutboxUser } from '../teacher/outbox';
import { OutboxBadge } from '../teacher/outbox-page';
import { useApp } from './context';
import { LanguagePicker } from './language-picker';
import { Link, useLocation } from './router';
import { routes } from './routes';

export function Layout({ children }: { children: ComponentChildren }) {
  const { t, me, refreshMe } = useApp();
  const { path } = useLocation();
  const nav = routes.filter((r) => r.nav && me && r.roles.includes(me.role));
  useEffect(() => setOutboxUser(me?.id ?? null), [me?.id]);
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          <span aria-hidden="true" class="brand-mark">
            ل
          </span>
          {t('app.name')}
        </Link>
        <div class="topbar-end">
          {me && (
            <span class="who">
              {t('app.signedInAs', { name: me.displayName })} · {t(`role.${me.role}`)}
            </span>
          )}
          <OutboxBadge />
          <LanguagePicker />
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              await api.post('/api/v1/auth/logout').catch(() => undefined);
              // Offline the server session outlives this, but this device forgets the saved pages
              // (the changes waiting to send stay: they are the teacher's, sent at the next sign-in).
              await clearOfflineCopies();
              setOutboxUser(null);
              history.replaceState(null, '', '/');
              await refreshMe();
            }}
          >
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <nav class="mainnav" aria-label={t('app.menu')}>
        <ul>
          {nav.map((r) => {
            const current = r.path === '/' ? path === '/' : path.startsWith(r.path);
            return (
              <li key={r.path}>
                <Link href={r.path} aria-current={current ? 'page' : undefined}>
                  {t(r.nav!)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main">{children}</main>
    </>
  );
}
