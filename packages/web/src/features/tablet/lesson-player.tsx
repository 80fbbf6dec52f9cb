import { type LessonBlock, lessonBody } from '@lawh/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { isRtl } from '../../i18n';
import { Notice, Spinner } from '../../ui/page';
import { mediaUrl } from '../content/media-api';
import { useLearner, useTablet } from './tablet-context';
import { useLocal } from './use-local';

/** /tablet/lesson/:id — the lesson's blocks in one scroll, read aloud on demand, then "I have finished". */
export function TabletLessonPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  const { data: content, loading } = useLocal(() => db.row('content', id), [db, id]);
  const openedAt = useRef<number | null>(null);
  const [finished, setFinished] = useState(false);
  const [failed, setFailed] = useState(false);
  const body = content?.kind === 'lesson' ? lessonBody.safeParse(content.body) : null;
  const ref = content ? { contentId: content.id, version: content.version } : null;

  // lesson.opened once per visit, as soon as the lesson is on screen.
  useEffect(() => {
    if (!ref || !body?.success || openedAt.current !== null) return;
    openedAt.current = Date.now();
    db.record(learner.id, 'lesson.opened', ref).catch(() => setFailed(true));
  }, [ref?.contentId, body?.success]);

  if (loading) return <Spinner label={t('app.loading')} />;
  if (!content || !body?.success)
    return (
      <section class="page tablet-page">
        <h1 tabIndex={-1}>{t('tablet.lesson.missing')}</h1>
        <p>
          <Link href="/tablet/home">{t('tablet.backHome')}</Link>
        </p>
      </section>
    );

  const dir = content.language === 'ar' ? 'rtl' : 'ltr';
  const finish = async () => {
    try {
      await db.record(learner.id, 'lesson.completed', {
        ...ref!,
        durationMs: Math.max(0, Date.now() - (openedAt.current ?? Date.now())),
      });
      setFinished(true);
    } catch {
      setFailed(true);
    }
  };

  return (
    <article class="page tablet-page tablet-lesson" lang={content.language} dir={dir}>
      <header class="page-head">
        <h1 tabIndex={-1}>{content.title}</h1>
        <BackHome />
      </header>
      {body.data.blocks.map((b) => (
        <section key={b.id} class={`lesson-block lesson-${b.type}`}>
          {b.spoken && <SpokenButton hash={b.spoken.hash} />}
          <Block block={b} />
        </section>
      ))}
      <footer class="tablet-lesson-end" lang={locale} dir={isRtl(locale) ? 'rtl' : 'ltr'}>
        {failed && <Notice kind="error">{t('tablet.error.record')}</Notice>}
        {finished ? (
          // The way home is the header's link, so there is one "back" link on the page.
          <Notice kind="success">{t('tablet.lesson.finished')}</Notice>
        ) : (
          <button type="button" class="primary tablet-big" onClick={finish}>
            {t('tablet.lesson.done')}
          </button>
        )}
      </footer>
    </article>
  );
}

/** Back to the learner home, in the interface's language whatever the lesson's. */
export function BackHome() {
  const { t, locale } = useApp();
  return (
    <div class="page-actions" lang={locale} dir={isRtl(locale) ? 'rtl' : 'ltr'}>
      <Link href="/tablet/home" class="button">
        {t('tablet.backHome')}
      </Link>
    </div>
  );
}

function Block({ block }: { block: LessonBlock }) {
  const { t } = useApp();
  switch (block.type) {
    case 'richText':
      // Sanitised by the server when the author saved it (content-sanitise.ts), published frozen.
      return <div class="rich-text" dangerouslySetInnerHTML={{ __html: block.html }} />;
    case 'image':
      return (
        <figure>
          <img src={mediaUrl(block.media.hash)} alt={block.media.alt ?? ''} loading="lazy" decoding="async" />
          {block.caption && <figcaption>{block.caption}</figcaption>}
        </figure>
      );
    case 'audio':
      return (
        <figure>
          {/* biome-ignore lint/a11y/useMediaCaption: a sound block; its caption is shown below */}
          <audio
            controls
            preload="none"
            src={mediaUrl(block.media.hash)}
            aria-label={block.caption ?? block.media.name}
          />
          {block.caption && <figcaption>{block.caption}</figcaption>}
        </figure>
      );
    case 'video':
      return (
        <figure>
          {/* biome-ignore lint/a11y/useMediaCaption: lessons carry no caption track yet; the spoken block and caption stand in */}
          <video
            controls
            preload="metadata"
            src={mediaUrl(block.media.hash)}
            aria-label={block.caption ?? block.media.name}
          />
          {block.caption && <figcaption>{block.caption}</figcaption>}
        </figure>
      );
    case 'pdf': {
      // No PDF library in the bundle, and the app's CSP (object-src 'none') forbids embedding: the
      // browser's own viewer opens the file, which the service worker serves from the media cache.
      const title = block.title ?? block.media.name ?? t('tablet.lesson.pdf');
      return (
        <a
          href={mediaUrl(block.media.hash)}
          target="_blank"
          rel="noopener"
          class="button tablet-big lesson-pdf"
        >
          {t('tablet.lesson.openPdf', { title })}
        </a>
      );
    }
    case 'quiz':
      return <QuizLink quizId={block.quizId} />;
  }
}

function QuizLink({ quizId }: { quizId: string }) {
  const { t } = useApp();
  const { db } = useTablet();
  const { data: quiz } = useLocal(() => db.row('content', quizId), [db, quizId]);
  if (!quiz) return <p class="field-hint">{t('tablet.lesson.quizMissing')}</p>;
  return (
    <Link href={`/tablet/quiz/${quizId}`} class="button primary tablet-big">
      {t('tablet.lesson.openQuiz', { title: quiz.title })}
    </Link>
  );
}

/** The spoken version of a block: one button, play and pause. */
export function SpokenButton({ hash }: { hash: string }) {
  const { t } = useApp();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  return (
    <div class="spoken">
      <button
        type="button"
        class="spoken-button"
        aria-pressed={playing}
        onClick={() => {
          const a = audio.current;
          if (!a) return;
          if (a.paused) void a.play().catch(() => setPlaying(false));
          else a.pause();
        }}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
        {t(playing ? 'tablet.spoken.pause' : 'tablet.spoken.play')}
      </button>
      {/* biome-ignore lint/a11y/useMediaCaption: the spoken version reads out the block shown beside it */}
      <audio
        ref={audio}
        preload="none"
        src={mediaUrl(hash)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
    </div>
  );
}
