import { useEffect } from 'preact/hooks';
import { useApp } from '../../app/context';
import { onLocalChange } from '../../tablet/local-db';
import type { LocalDb } from '../../tablet/local-types';
import {
  type AnnouncementLike,
  type Notifiable,
  newNotifiables,
  notificationChannel,
} from './announcements-model';

// The tablet's notifications: when a pull brings a new announcement or returned work, a system
// notification — only if the learner allowed them, and never in the school's quiet hours. Inside
// quiet hours (or without permission) the news stays in the app: the home marks it new.

type Permission = 'granted' | 'denied' | 'default' | 'unsupported';
const SEEN_KEY = 'lawh.notified';

export const notificationPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

export async function requestNotifications(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

function loadSeen(): Set<string> | null {
  const raw = localStorage.getItem(SEEN_KEY);
  if (raw === null) return null;
  try {
    return new Set(JSON.parse(raw) as string[]);
  } catch {
    return new Set();
  }
}

/** Android's WebView refuses `new Notification()` in a page; the service worker may show one. */
async function show(title: string, options: NotificationOptions): Promise<void> {
  const reg = await navigator.serviceWorker?.getRegistration?.().catch(() => undefined);
  if (reg) await reg.showNotification(title, options);
  else new Notification(title, options);
}

/** Checks the rows after each pull and tells about what is new. Mounted once, by the tablet frame. */
export function useTabletNotifications(db: LocalDb): void {
  const { t, locale } = useApp();
  useEffect(() => {
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const [announcements, submissions, schools, learners, status] = await Promise.all([
          db.rows('announcement') as Promise<AnnouncementLike[]>,
          db.rows('submission').catch(() => []),
          db.rows('school'),
          db.rows('learner'),
          db.status(),
        ]);
        const seen = loadSeen();
        // What a freshly enrolled tablet's first sync brings is not news (it would wake everyone):
        // it becomes the baseline, silently, once that sync is done.
        if (seen === null && !status.lastSyncAt) return;
        const news = newNotifiables(seen ?? new Set(), announcements, submissions);
        if (seen !== null && news.length === 0) return;
        const keys = [...(seen ?? []), ...news.map((n) => n.key)].slice(-1000);
        localStorage.setItem(SEEN_KEY, JSON.stringify(keys));
        if (seen === null) return;
        const channel = notificationChannel(new Date(), schools[0]?.quietHours, notificationPermission());
        if (channel !== 'system') return;
        const given = new Map(learners.map((l) => [l.id, l.givenName]));
        for (const n of news.slice(0, 3))
          await show(titleOf(n, given), optionsOf(n, locale)).catch(() => undefined);
      } finally {
        running = false;
      }
    };
    const titleOf = (n: Notifiable, given: Map<string, string>) =>
      n.kind === 'announcement'
        ? t('tablet.notify.announcement', { name: n.announcement.authorName })
        : t('tablet.notify.returned', { name: given.get(n.learnerId) ?? '' });
    const optionsOf = (n: Notifiable, lang: string): NotificationOptions => ({
      tag: n.key,
      lang,
      dir: lang === 'ar' ? 'rtl' : 'auto',
      body: n.kind === 'announcement' ? n.announcement.body.slice(0, 140) : undefined,
    });
    void check();
    return onLocalChange((what) => {
      if (what === 'rows' || what === 'status') void check();
    });
  }, [db, t, locale]);
}
