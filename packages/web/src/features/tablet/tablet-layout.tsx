import type { ComponentChildren } from 'preact';
import { useApp } from '../../app/context';
import { LanguagePicker } from '../../app/language-picker';
import { Link } from '../../app/router';
import { learnerName } from './home-model';
import { useTabletNotifications } from './notifications';
import { useTablet } from './tablet-context';
import './tablet.css';
import './tablet-player.css';
import './tablet-tasks.css';

/** The tablet's frame: no admin menu, the signed-in learner and a large "sign out". */
export function TabletLayout({ children }: { children: ComponentChildren }) {
  const { t, locale } = useApp();
  const { db, learner, signOut } = useTablet();
  useTabletNotifications(db);
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar tablet-bar">
        <Link href={learner ? '/tablet/home' : '/tablet'} class="brand">
          <span aria-hidden="true" class="brand-mark">
            ل
          </span>
          {t('app.name')}
        </Link>
        <div class="topbar-end">
          {learner && (
            <span class="tablet-who">
              <span aria-hidden="true" class="tablet-avatar">
                {learnerName(learner, locale).slice(0, 1)}
              </span>
              {learnerName(learner, locale)}
            </span>
          )}
          <LanguagePicker />
          {learner && (
            <button type="button" class="secondary tablet-signout" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" class="tablet-main">
        {children}
      </main>
    </>
  );
}
