import { type GradeResult, gradeAnswer, type MasteryRule, newId, type QuizAnswer } from '@lawh/shared';
import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import type { Translate } from '../../i18n';
import { isolate } from '../../ui/bidi';
import { Notice, Spinner } from '../../ui/page';
import { mediaUrl } from '../content/media-api';
import { BackHome, SpokenButton } from './lesson-player';
import { AnswerControl } from './quiz-answer';
import {
  type Answered,
  answered,
  answeredPayload,
  type ContentRef,
  completedPayload,
  initialAnswer,
  isReady,
  parseQuizBody,
  presentItems,
  type QuizBody,
  type Summary,
  summarise,
} from './quiz-session';
import { useLearner, useTablet } from './tablet-context';
import { useLocal } from './use-local';

/** /tablet/quiz/:id — one item at a time, graded on the tablet with the shared grader. */
export function TabletQuizPage({ id }: { id: string }) {
  const { t } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  const { data, loading } = useLocal(async () => {
    const [content, work] = await Promise.all([db.row('content', id), db.work(learner.id)]);
    return { content, previous: work.find((w) => w.contentId === id && w.learnerId === learner.id) };
  }, [db, id, learner.id]);
  const [attempt, setAttempt] = useState<number | null>(null);

  if (loading) return <Spinner label={t('app.loading')} />;
  const content = data?.content;
  const body = content?.kind === 'quiz' ? parseQuizBody(content.body) : null;
  if (!content || !body)
    return (
      <section class="page tablet-page">
        <h1 tabIndex={-1}>{t('tablet.quiz.missing')}</h1>
        <p>
          <Link href="/tablet/home">{t('tablet.backHome')}</Link>
        </p>
      </section>
    );
  // Attempts count this learner's finished runs; the version check mirrors LocalWork's own rule.
  const done = data?.previous?.version === content.version ? data.previous.attempts : 0;
  const current = attempt ?? done + 1;
  return (
    <QuizRun
      key={current}
      body={body}
      title={content.title}
      language={content.language}
      ref_={{ contentId: content.id, version: content.version }}
      attempt={current}
      onAgain={() => setAttempt(current + 1)}
    />
  );
}

interface RunProps {
  body: QuizBody;
  title: string;
  language: string;
  ref_: ContentRef;
  attempt: number;
  onAgain: () => void;
}

function QuizRun({ body, title, language, ref_, attempt, onAgain }: RunProps) {
  const { t } = useApp();
  const { db } = useTablet();
  const learner = useLearner();
  // The attempt's id seeds the option order, so each attempt shuffles afresh but stays stable within.
  const items = useMemo(() => presentItems(body, newId()), [body]);
  const [index, setIndex] = useState(0);
  const item = items[index]!;
  const [answer, setAnswer] = useState<QuizAnswer | null>(() =>
    item.type === 'trueFalse' ? null : initialAnswer(item),
  );
  const [hints, setHints] = useState(0);
  const [result, setResult] = useState<GradeResult | null>(null);
  const [list, setList] = useState<Answered[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [failed, setFailed] = useState(false);
  const dir = language === 'ar' ? 'rtl' : 'ltr';

  const check = async () => {
    if (!answer || result) return;
    const graded = gradeAnswer(item, answer);
    const a = answered(item, graded);
    try {
      await db.record(learner.id, 'quiz.answered', answeredPayload(ref_, answer, a, attempt, hints));
    } catch {
      setFailed(true);
      return; // not shown as answered: what the learner sees must be what will be sent
    }
    setResult(graded);
    setList([...list, a]);
  };

  const next = async () => {
    if (index + 1 < items.length) {
      const n = items[index + 1]!;
      setIndex(index + 1);
      setAnswer(n.type === 'trueFalse' ? null : initialAnswer(n));
      setHints(0);
      setResult(null);
      return;
    }
    const s = summarise(body.mastery, list);
    try {
      await db.record(learner.id, 'quiz.completed', completedPayload(ref_, s));
      setSummary(s);
    } catch {
      setFailed(true);
    }
  };

  if (summary) return <QuizEnd title={title} summary={summary} rule={body.mastery} onAgain={onAgain} />;

  return (
    <section class="page tablet-page tablet-quiz">
      <header class="page-head">
        <h1 tabIndex={-1} lang={language} dir={dir}>
          {title}
        </h1>
        <p class="quiz-progress">
          {t('tablet.quiz.progress', { n: isolate(index + 1), total: isolate(items.length) })}
          {' · '}
          {t('tablet.quiz.attempt', { n: isolate(attempt) })}
        </p>
        <BackHome />
      </header>
      {failed && <Notice kind="error">{t('tablet.error.record')}</Notice>}
      <fieldset class="quiz-item" lang={language} dir={dir}>
        <legend class="quiz-prompt">{item.prompt.text}</legend>
        {item.prompt.audio && <SpokenButton hash={item.prompt.audio.hash} />}
        {item.prompt.image && (
          <img
            class="quiz-prompt-image"
            src={mediaUrl(item.prompt.image.hash)}
            alt={item.prompt.image.alt ?? ''}
          />
        )}
        <AnswerControl
          key={item.id}
          item={item}
          answer={answer}
          onChange={setAnswer}
          disabled={result !== null}
          dir={dir}
        />
      </fieldset>

      {item.hints.length > 0 && (
        <div class="quiz-hints">
          {item.hints.slice(0, hints).map((h, i) => (
            <p key={i} class="quiz-hint" lang={language} dir={dir}>
              <strong>{t('tablet.quiz.hintN', { n: isolate(i + 1) })}</strong> {h}
            </p>
          ))}
          {hints < item.hints.length && result === null && (
            <button type="button" onClick={() => setHints(hints + 1)}>
              {t('tablet.quiz.showHint')}
            </button>
          )}
        </div>
      )}

      <div
        role="status"
        aria-live="polite"
        class={result ? (result.correct ? 'quiz-ok' : 'quiz-wrong') : undefined}
      >
        {result && (
          <>
            <strong>{result.correct ? t('tablet.quiz.correct') : t('tablet.quiz.incorrect')}</strong>
            {result.feedback && (
              <p lang={language} dir={dir}>
                {result.feedback}
              </p>
            )}
          </>
        )}
      </div>

      <div class="quiz-actions">
        {result === null ? (
          <button type="button" class="primary tablet-big" disabled={!isReady(answer, item)} onClick={check}>
            {t('tablet.quiz.check')}
          </button>
        ) : (
          <button type="button" class="primary tablet-big" onClick={next}>
            {index + 1 < items.length ? t('tablet.quiz.next') : t('tablet.quiz.finish')}
          </button>
        )}
      </div>
    </section>
  );
}

export function ruleText(t: Translate, rule: MasteryRule): string {
  switch (rule.rule) {
    case 'allCorrect':
      return t('tablet.mastery.allCorrect');
    case 'mOfN':
      return t('tablet.mastery.mOfN', { m: isolate(rule.m), n: isolate(rule.n) });
    case 'kInARow':
      return t('tablet.mastery.kInARow', { k: isolate(rule.k) });
  }
}

function QuizEnd({
  title,
  summary,
  rule,
  onAgain,
}: {
  title: string;
  summary: Summary;
  rule: MasteryRule;
  onAgain: () => void;
}) {
  const { t } = useApp();
  return (
    <section class="page tablet-page tablet-quiz-end">
      <header class="page-head">
        <h1 tabIndex={-1}>{t('tablet.quiz.endTitle', { title: isolate(title) })}</h1>
      </header>
      <p class="quiz-score">
        {t('tablet.quiz.result', {
          correct: isolate(summary.correct),
          answered: isolate(summary.answered),
          score: isolate(`${Math.round(summary.score * 100)}%`),
        })}
      </p>
      <Notice kind={summary.mastered ? 'success' : 'info'}>
        {summary.mastered
          ? t('tablet.quiz.mastered')
          : t('tablet.quiz.notMastered', { rule: ruleText(t, rule) })}
      </Notice>
      <div class="quiz-actions">
        <button type="button" class="tablet-big" onClick={onAgain}>
          {t('tablet.quiz.again')}
        </button>
        <Link href="/tablet/home" class="button primary tablet-big">
          {t('tablet.backHome')}
        </Link>
      </div>
    </section>
  );
}
