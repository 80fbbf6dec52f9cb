import { SUBJECTS } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import type { MessageKey } from '../../i18n';
import { openTabletDb } from '../../tablet/local-db';
import { mediaStats } from '../../tablet/media';
import { isolate } from '../../ui/bidi';
import { useFormat } from '../../ui/format';
import { Notice, Spinner } from '../../ui/page';
import { TabletAnnouncements } from './announcements';
import { buildHome, type UnitProgress, type WorkItem } from './home-model';
import { TabletLiveSessions } from './live-sessions';
import { useLearner, useTablet } from './tablet-context';
import { TaskCard } from './task-card';
import { buildTasks } from './task-model';
import { useLocal } from './use-local';

/** /tablet/home — the signed-in learner's work: to do (overdue first), progress, what was sent. */
export function TabletHomePage() {
  const { t, intl } = useApp();
  const fmt = useFormat();
  const { db } = useTablet();
  const learner = useLearner();
  const { data, loading, error } = useLocal(
    async () => {
      const [enrolments, assignments, contents, work, progress, status, media, submissions, mine] =
        await Promise.all([
          db.rows('enrolment'),
          db.rows('assignment'),
          db.rows('content'),
          db.work(learner.id),
          db.rows('progress'),
          db.status(),
          mediaStats().catch(() => null),
          db.rows('submission'),
          db.submissions(learner.id),
        ]);
      const mediaDone = await downloadedMedia().catch(() => new Set<string>());
      const home = buildHome({
        learnerId: learner.id,
        enrolments,
        assignments,
        contents,
        work,
        progress,
        ackedSeq: status.ackedSeq,
        now: new Date(),
        mediaDone,
      });
      const tasks = buildTasks({
        learnerId: learner.id,
        classIds: new Set(enrolments.filter((e) => e.learnerId === learner.id).map((e) => e.classId)),
        assignments,
        submissions,
        local: mine,
        ackedSeq: status.ackedSeq,
        now: new Date(),
      });
      return { ...home, media, tasks };
    },
    [db, learner.id],
    ['rows', 'status', 'outbox', 'media'],
  );

  if (loading) return <Spinner label={t('app.loading')} />;
  if (error != null || !data) return <Notice kind="error">{t('tablet.error.local')}</Notice>;
  const all = [...data.todo, ...data.done];
  const onTablet = all.filter((i) => i.content !== null).length;
  return (
    <section class="page tablet-page">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('tablet.home.title')}</h1>
      </header>

      <TabletAnnouncements />
      <TabletLiveSessions />

      {/* Not "nothing to do" while a task waits for an answer: its list follows. */}
      {(data.todo.length > 0 || !data.tasks.some((x) => x.status === 'todo' && !x.closed)) && (
        <>
          <h2>{t('tablet.home.todo')}</h2>
          {data.todo.length === 0 ? (
            <p class="lead">{t('tablet.home.nothingToDo')}</p>
          ) : (
            <ul class="tablet-work">
              {data.todo.map((i) => (
                <WorkCard key={i.assignmentId} item={i} />
              ))}
            </ul>
          )}
        </>
      )}

      {data.tasks.length > 0 && (
        <>
          <h2>{t('tablet.tasks.title')}</h2>
          <ul class="tablet-work">
            {data.tasks.map((i) => (
              <TaskCard key={i.assignment.id} item={i} />
            ))}
          </ul>
        </>
      )}

      {data.units.length > 0 && (
        <>
          <h2>{t('tablet.home.progress')}</h2>
          <ul class="tablet-units">
            {data.units.map((u) => (
              <UnitRow key={`${u.subject}/${u.unit ?? ''}`} unit={u} />
            ))}
          </ul>
        </>
      )}

      {data.done.length > 0 && (
        <>
          <h2>{t('tablet.home.done')}</h2>
          <ul class="tablet-work">
            {data.done.map((i) => (
              <WorkCard key={i.assignmentId} item={i} />
            ))}
          </ul>
        </>
      )}

      <h2>{t('tablet.home.onTablet')}</h2>
      <ul class="tablet-downloaded">
        <li>{t('tablet.home.downloaded', { count: isolate(onTablet), total: isolate(all.length) })}</li>
        {data.media && (
          <li>
            {t('tablet.home.mediaFiles', {
              files: isolate(fmt.num(data.media.files)),
              size: isolate(megabytes(intl, data.media.bytes)),
            })}
            {data.media.waiting > 0 && <> · {t('tablet.home.mediaWaiting', { count: data.media.waiting })}</>}
          </li>
        )}
      </ul>
    </section>
  );
}

/** The media files the download manager has finished and verified (tablet/media.ts). */
async function downloadedMedia(): Promise<Set<string>> {
  const all = await (await openTabletDb()).getAll('media');
  return new Set(all.filter((m) => m.done).map((m) => m.hash));
}

function megabytes(intl: string, bytes: number) {
  return new Intl.NumberFormat(intl, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1_000_000,
  );
}

export function subjectLabel(t: ReturnType<typeof useApp>['t'], subject: string) {
  return (SUBJECTS as readonly string[]).includes(subject)
    ? t(`class.subject.${subject}` as MessageKey)
    : subject;
}

function UnitRow({ unit }: { unit: UnitProgress }) {
  const { t } = useApp();
  const label = unit.unit ? `${subjectLabel(t, unit.subject)} · ${unit.unit}` : subjectLabel(t, unit.subject);
  return (
    <li class="tablet-unit">
      <span>
        <bdi>{label}</bdi>
      </span>
      <progress max={unit.total} value={unit.done} aria-label={label} />
      <span>{t('tablet.home.unitDone', { done: isolate(unit.done), total: isolate(unit.total) })}</span>
    </li>
  );
}

function WorkCard({ item }: { item: WorkItem }) {
  const { t } = useApp();
  const fmt = useFormat();
  const c = item.content;
  const href = c ? `/tablet/${c.kind}/${item.contentId}` : null;
  const due =
    item.due === 'overdue'
      ? t('tablet.home.overdue', { date: isolate(fmt.dateTime(item.dueAt!)) })
      : item.due === 'today'
        ? t('tablet.home.dueToday', { date: isolate(fmt.dateTime(item.dueAt!)) })
        : item.due === 'later'
          ? t('tablet.home.dueOn', { date: isolate(fmt.date(item.dueAt!)) })
          : null;
  const title = c ? (
    <bdi lang={c.language} dir={c.language === 'ar' ? 'rtl' : 'ltr'}>
      {c.title}
    </bdi>
  ) : (
    t('tablet.home.notDownloaded')
  );
  return (
    <li class={`tablet-card${item.due === 'overdue' && item.state !== 'mastered' ? ' overdue' : ''}`}>
      <div class="tablet-card-main">
        {c && (
          <span class="badge">{t(c.kind === 'lesson' ? 'content.kind.lesson' : 'content.kind.quiz')}</span>
        )}
        {href ? (
          <Link href={href} class="tablet-card-title">
            {title}
          </Link>
        ) : (
          <span class="tablet-card-title">{title}</span>
        )}
      </div>
      <ul class="tablet-card-facts">
        {due && <li class={item.due === 'overdue' ? 'overdue-text' : undefined}>{due}</li>}
        <li>{t(`tablet.state.${item.state}`)}</li>
        {item.score !== null && (
          <li>{t('tablet.home.score', { score: isolate(`${Math.round(item.score * 100)}%`) })}</li>
        )}
        {c && !item.mediaReady && <li>{t('tablet.home.mediaMissing')}</li>}
        {item.sync && (
          <li class={`sync-${item.sync}`}>
            {t(item.sync === 'waiting' ? 'tablet.sync.waiting' : 'tablet.sync.sent')}
          </li>
        )}
      </ul>
    </li>
  );
}
