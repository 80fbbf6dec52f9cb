import type { ContentDetail, ContentSummary, Page } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { withQuery } from '../../lib/api';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';

/** Picks one quiz of the library by searching its title and text. */
export function QuizPicker({
  value,
  onChange,
  error,
}: {
  value: string | undefined;
  onChange: (quizId: string) => void;
  error?: string;
}) {
  const { t } = useApp();
  const id = useId();
  const [q, setQ] = useState('');
  const [searching, setSearching] = useState(!value);
  const chosen = useFetch<ContentDetail>(value ? `/api/v1/content/${value}` : null);
  const results = useFetch<Page<ContentSummary>>(
    searching
      ? withQuery('/api/v1/content', { kind: 'quiz', q, pageSize: 10, sort: 'title', order: 'asc' })
      : null,
  );
  return (
    <div class="field quiz-picker">
      <span id={`${id}-label`}>{t('content.block.quiz')}</span>
      {value && (
        <p>
          {t('content.quizChosen')}{' '}
          <strong dir="auto">{chosen.data?.title ?? (chosen.error ? chosen.error.message : '…')}</strong>
        </p>
      )}
      {searching ? (
        <>
          <label class="field">
            <span>{t('content.findQuiz')}</span>
            <input
              type="search"
              value={q}
              dir="auto"
              onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            />
          </label>
          {results.error && <Notice kind="error">{results.error.message}</Notice>}
          <ul class="pick-list" aria-labelledby={`${id}-label`}>
            {results.data?.items.map((quiz) => (
              <li key={quiz.id}>
                <span dir="auto">{quiz.title}</span>
                <button
                  type="button"
                  aria-label={t('content.chooseNamed', { name: quiz.title })}
                  onClick={() => {
                    onChange(quiz.id);
                    setSearching(false);
                  }}
                >
                  {t('content.choose')}
                </button>
              </li>
            ))}
            {results.data?.items.length === 0 && <li>{t('content.noQuizFound')}</li>}
          </ul>
        </>
      ) : (
        <button type="button" onClick={() => setSearching(true)}>
          {t('content.changeQuiz')}
        </button>
      )}
      {error && (
        <span class="field-error">
          <bdi>{error}</bdi>
        </span>
      )}
    </div>
  );
}
