import { DEFAULT_QUIET_HOURS } from '@lawh/shared/lib/quiet-hours';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { openTabletDb } from '../../tablet/local-db';
import { isolate } from '../../ui/bidi';
import { useFormat } from '../../ui/format';
import { mediaUrl } from '../content/media-api';
import { type AnnouncementLike, learnerAnnouncements } from './announcements-model';
import { notificationPermission, requestNotifications } from './notifications';
import { useLearner, useTablet } from './tablet-context';
import { useLocal } from './use-local';
import './messages-tablet.css';

const readKey = (learnerId: string) => `lawh.announcements.read.${learnerId}`;
function readIds(learnerId: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(readKey(learnerId)) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * "Messages from your teachers" on the learner home: the announcements of the learner's classes,
 * newest first, with their recording and attachment once the media manager has them. Announcements
 * the learner has not seen on this tablet are marked new — this is how news reaches them during
 * quiet hours, when the tablet raises no notification.
 */
export function TabletAnnouncements() {
  const { t } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  const { data } = useLocal(
    async () => {
      const [enrolments, announcements, schools, media] = await Promise.all([
        db.rows('enrolment'),
        db.rows('announcement') as Promise<AnnouncementLike[]>,
        db.rows('school'),
        openTabletDb().then((d) => d.getAll('media')),
      ]);
      return {
        list: learnerAnnouncements(learner.id, enrolments, announcements),
        quiet: schools[0]?.quietHours ?? DEFAULT_QUIET_HOURS,
        downloaded: new Set(media.filter((m) => m.done).map((m) => m.hash)),
      };
    },
    [db, learner.id],
    ['rows', 'media'],
  );
  // What was new when the list was first shown stays marked while the learner looks at it.
  const [readAtOpen] = useState(() => readIds(learner.id));
  const [permission, setPermission] = useState(notificationPermission);
  const list = data?.list ?? [];
  useEffect(() => {
    if (list.length === 0) return;
    const all = new Set([...readIds(learner.id), ...list.map((a) => a.id)]);
    localStorage.setItem(readKey(learner.id), JSON.stringify([...all].slice(-500)));
  }, [list.map((a) => a.id).join(',')]);

  if (!data || list.length === 0) return null;
  const fresh = list.filter((a) => !readAtOpen.has(a.id)).length;
  return (
    <section class="tablet-announcements" aria-labelledby="tablet-announcements-title">
      <h2 id="tablet-announcements-title">{t('tablet.announce.title')}</h2>
      {fresh > 0 && (
        <p role="status" class="lead">
          {t('tablet.announce.newCount', { count: fresh })}
        </p>
      )}
      <ul class="tablet-announcement-list">
        {list.map((a) => (
          <AnnouncementCard key={a.id} a={a} isNew={!readAtOpen.has(a.id)} downloaded={data.downloaded} />
        ))}
      </ul>
      {permission === 'default' && (
        <p>
          <button
            type="button"
            class="secondary tablet-big"
            onClick={async () => setPermission(await requestNotifications())}
          >
            {t('tablet.announce.enable')}
          </button>{' '}
          {t('tablet.announce.quiet', { start: isolate(data.quiet.start), end: isolate(data.quiet.end) })}
        </p>
      )}
    </section>
  );
}

function AnnouncementCard({
  a,
  isNew,
  downloaded,
}: {
  a: AnnouncementLike;
  isNew: boolean;
  downloaded: ReadonlySet<string>;
}) {
  const { t } = useApp();
  const { dateTime } = useFormat();
  const here = (hash: string) => downloaded.has(hash);
  const when = useMemo(() => dateTime(a.createdAt), [a.createdAt, dateTime]);
  return (
    <li class={`tablet-announcement${isNew ? ' is-new' : ''}`}>
      <p class="tablet-announcement-meta">
        {isNew && <span class="badge">{t('tablet.announce.new')}</span>} <bdi>{a.authorName}</bdi> ·{' '}
        <bdi dir="ltr">
          <time dateTime={a.createdAt}>{when}</time>
        </bdi>
      </p>
      {a.body && (
        <p class="tablet-announcement-body" dir="auto">
          {a.body}
        </p>
      )}
      {a.audio &&
        (here(a.audio.hash) ? (
          // biome-ignore lint/a11y/useMediaCaption: a teacher's spoken message; its words are the text above when there is one
          <audio controls preload="none" src={mediaUrl(a.audio.hash)} aria-label={t('announce.listen')} />
        ) : (
          <p>{t('tablet.announce.notDownloaded')}</p>
        ))}
      {a.attachment &&
        (here(a.attachment.hash) ? (
          <a
            class="tablet-attachment"
            href={mediaUrl(a.attachment.hash)}
            target="_blank"
            rel="noopener"
            type={a.attachment.mime}
          >
            {t('announce.open', { name: isolate(a.attachment.name) })}
          </a>
        ) : (
          <p>
            <bdi>{a.attachment.name}</bdi> — {t('tablet.announce.notDownloaded')}
          </p>
        ))}
    </li>
  );
}
