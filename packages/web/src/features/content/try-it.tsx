import {
  type GradeResult,
  gradeAnswer,
  type QuizAnswer,
  type QuizItem,
  type QuizItemInput,
  quizItem,
} from '@lawh/shared';
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { isolate } from '../../ui/bidi';
import { useFormat } from '../../ui/format';
import { move } from './content-form';

/**
 * Answers the item as a learner would and grades it with the shared grader, the very function the
 * tablet runs, so the author sees exactly what a child's answer will earn.
 */
export function TryIt({ item, dir, lang }: { item: QuizItemInput; dir: 'rtl' | 'ltr'; lang: string }) {
  const { t } = useApp();
  const parsed = quizItem.safeParse(item);
  return (
    <details class="try-it">
      <summary>{t('content.try.title')}</summary>
      {parsed.success ? (
        // A new key when the item changes resets the answer, which may name options now gone.
        <TryAnswer key={JSON.stringify(parsed.data)} item={parsed.data} dir={dir} lang={lang} />
      ) : (
        <p class="field-hint">{t('content.try.incomplete')}</p>
      )}
    </details>
  );
}

function initialAnswer(item: QuizItem): QuizAnswer {
  switch (item.type) {
    case 'singleChoice':
      return { type: item.type, optionId: '' };
    case 'multipleChoice':
      return { type: item.type, optionIds: [] };
    case 'trueFalse':
      return { type: item.type, value: true };
    case 'ordering':
      // Reversed, so the starting order is not already the answer.
      return { type: item.type, order: item.options.map((o) => o.id).reverse() };
    case 'matching':
      return { type: item.type, pairs: [] };
    case 'numeric':
    case 'shortText':
      return { type: item.type, text: '' };
  }
}

function TryAnswer({ item, dir, lang }: { item: QuizItem; dir: 'rtl' | 'ltr'; lang: string }) {
  const { t } = useApp();
  const fmt = useFormat();
  const group = useId();
  const [answer, setAnswer] = useState<QuizAnswer>(() => initialAnswer(item));
  const [result, setResult] = useState<GradeResult | null>(null);
  const update = (a: QuizAnswer) => {
    setAnswer(a);
    setResult(null);
  };
  const text = (id: string) =>
    [
      ...('options' in item ? item.options : []),
      ...(item.type === 'matching' ? [...item.left, ...item.right] : []),
    ].find((o) => o.id === id)?.text ?? id;

  let control: ComponentChildren = null;
  if (answer.type === 'singleChoice' && item.type === 'singleChoice')
    control = item.options.map((o) => (
      <label key={o.id} class="field-check">
        <input
          type="radio"
          name={group}
          checked={answer.optionId === o.id}
          onChange={() => update({ ...answer, optionId: o.id })}
        />
        <span>{o.text}</span>
      </label>
    ));
  else if (answer.type === 'multipleChoice' && item.type === 'multipleChoice')
    control = item.options.map((o) => (
      <label key={o.id} class="field-check">
        <input
          type="checkbox"
          checked={answer.optionIds.includes(o.id)}
          onChange={(e) =>
            update({
              ...answer,
              optionIds: (e.target as HTMLInputElement).checked
                ? [...answer.optionIds, o.id]
                : answer.optionIds.filter((x) => x !== o.id),
            })
          }
        />
        <span>{o.text}</span>
      </label>
    ));
  else if (answer.type === 'trueFalse')
    control = [true, false].map((v) => (
      <label key={String(v)} class="field-check">
        <input
          type="radio"
          name={group}
          checked={answer.value === v}
          onChange={() => update({ ...answer, value: v })}
        />
        <span>{v ? t('content.item.true') : t('content.item.false')}</span>
      </label>
    ));
  else if (answer.type === 'ordering')
    control = (
      <ol>
        {answer.order.map((id, i) => (
          <li key={id} class="option-row">
            <span>{text(id)}</span>
            <button
              type="button"
              disabled={i === 0}
              aria-label={t('content.moveUpNamed', { name: text(id) })}
              onClick={() => update({ ...answer, order: move(answer.order, i, -1) })}
            >
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              disabled={i === answer.order.length - 1}
              aria-label={t('content.moveDownNamed', { name: text(id) })}
              onClick={() => update({ ...answer, order: move(answer.order, i, 1) })}
            >
              <span aria-hidden="true">↓</span>
            </button>
          </li>
        ))}
      </ol>
    );
  else if (answer.type === 'matching' && item.type === 'matching')
    control = item.left.map((l) => (
      <label key={l.id} class="field">
        <span>{l.text}</span>
        <select
          value={answer.pairs.find((p) => p.left === l.id)?.right ?? ''}
          onChange={(e) => {
            const right = (e.target as HTMLSelectElement).value;
            const others = answer.pairs.filter((p) => p.left !== l.id);
            update({ ...answer, pairs: right ? [...others, { left: l.id, right }] : others });
          }}
        >
          <option value="">{t('content.item.noPair')}</option>
          {item.right.map((r) => (
            <option key={r.id} value={r.id}>
              {r.text}
            </option>
          ))}
        </select>
      </label>
    ));
  else if (answer.type === 'numeric' || answer.type === 'shortText')
    control = (
      <label class="field">
        <span>{t('content.try.yourAnswer')}</span>
        <input
          value={answer.text}
          dir={answer.type === 'numeric' ? 'ltr' : dir}
          lang={answer.type === 'numeric' ? undefined : lang}
          inputMode={answer.type === 'numeric' ? 'decimal' : undefined}
          onInput={(e) => update({ ...answer, text: (e.target as HTMLInputElement).value })}
        />
      </label>
    );

  return (
    <fieldset class="try-answer" dir={dir} lang={lang}>
      <legend>{item.prompt.text}</legend>
      {control}
      <button type="button" onClick={() => setResult(gradeAnswer(item, answer))}>
        {t('content.try.check')}
      </button>
      <p
        role="status"
        aria-live="polite"
        class={result ? (result.correct ? 'try-ok' : 'try-wrong') : undefined}
      >
        {result && (
          <>
            {result.correct ? t('content.try.correct') : t('content.try.incorrect')}
            {' — '}
            {t('content.try.score', {
              score: isolate(fmt.num(result.score)),
              points: isolate(fmt.num(item.points)),
            })}
            {result.feedback && (
              <>
                {' — '}
                <bdi>{result.feedback}</bdi>
              </>
            )}
          </>
        )}
      </p>
    </fieldset>
  );
}
