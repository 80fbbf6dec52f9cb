import type { SyncRow } from '@lawh/shared';
import { useApp } from '../../app/context';
import { useFormat } from '../../ui/format';
import { useLearner, useTablet } from './tablet-context';
import { useLocal } from './use-local';

type Session = SyncRow<'liveSession'>;

/** The sessions of the learner's classes that have not ended, soonest first. */
export function upcomingSessions(
  learnerId: string,
  enrolments: ReadonlyArray<{ classId: string; learnerId: string }>,
  sessions: readonly Session[],
  now = Date.now(),
): Session[] {
  const classes = new Set(enrolments.filter((e) => e.learnerId === learnerId).map((e) => e.classId));
  return sessions
    .filter((s) => classes.has(s.classId) && Date.parse(s.startsAt) + s.durationMinutes * 60_000 > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * "Live classes" on the learner home: when the class meets on the school's video service, and the
 * link to join (it needs a connection; everything else here works offline). Cancelled ones say so.
 */
export function TabletLiveSessions() {
  const { t } = useApp();
  const { dateTime, num } = useFormat();
  const { db } = useTablet();
  const learner = useLearner();
  const { data } = useLocal(
    async () => {
      const [enrolments, sessions] = await Promise.all([db.rows('enrolment'), db.rows('liveSession')]);
      return upcomingSessions(learner.id, enrolments, sessions);
    },
    [db, learner.id],
    ['rows'],
  );
  if (!data || data.length === 0) return null;
  return (
    <section class="tablet-live" aria-labelledby="tablet-live-title">
      <h2 id="tablet-live-title">{t('tablet.live.title')}</h2>
      <ul class="tablet-live-list">
        {data.map((s) => (
          <li key={s.id} class="tablet-card">
            <p>
              <strong dir="auto">{s.title}</strong>
            </p>
            <p>
              <bdi dir="ltr">
                <time dateTime={s.startsAt}>{dateTime(s.startsAt)}</time>
              </bdi>{' '}
              · {t('tablet.live.minutes', { minutes: num(s.durationMinutes) })}
            </p>
            {s.cancelled ? (
              <p class="badge badge-warn">{t('tablet.live.cancelled')}</p>
            ) : s.joinUrl ? (
              <p>
                <a
                  class="button tablet-big"
                  href={s.joinUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={t('tablet.live.joinNamed', { title: s.title })}
                >
                  {t('tablet.live.join')}
                </a>{' '}
                <small>{t('tablet.live.needsConnection')}</small>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
