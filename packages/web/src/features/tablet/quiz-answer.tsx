import type { QuizAnswer, QuizItem, QuizOption } from '@lawh/shared';
import { useId } from 'preact/hooks';
import { useApp } from '../../app/context';
import { mediaUrl } from '../content/media-api';
import { SpokenButton } from './lesson-player';

// The answer controls of the seven item types, for fingers and keyboards alike: native radios,
// checkboxes and selects, and move-up/move-down buttons for ordering (no drag-only interaction).

export function OptionContent({ option }: { option: QuizOption }) {
  return (
    <span class="quiz-option-content">
      {option.image && <img src={mediaUrl(option.image.hash)} alt={option.image.alt ?? option.text} />}
      {option.text && <span>{option.text}</span>}
    </span>
  );
}

const optionLabel = (o: QuizOption) => o.text || o.image?.alt || o.audio?.name || o.id;

interface Props {
  item: QuizItem;
  answer: QuizAnswer | null;
  onChange: (a: QuizAnswer) => void;
  disabled: boolean;
  dir: 'rtl' | 'ltr';
}

export function AnswerControl({ item, answer, onChange, disabled, dir }: Props) {
  const { t } = useApp();
  const group = useId();
  switch (item.type) {
    case 'singleChoice':
      return (
        <div class="quiz-options">
          {item.options.map((o) => (
            <div key={o.id} class="quiz-option-row">
              <label class="quiz-option">
                <input
                  type="radio"
                  name={group}
                  disabled={disabled}
                  checked={answer?.type === 'singleChoice' && answer.optionId === o.id}
                  onChange={() => onChange({ type: 'singleChoice', optionId: o.id })}
                />
                <OptionContent option={o} />
              </label>
              {o.audio && <SpokenButton hash={o.audio.hash} />}
            </div>
          ))}
        </div>
      );
    case 'multipleChoice': {
      const picked = answer?.type === 'multipleChoice' ? answer.optionIds : [];
      return (
        <div class="quiz-options">
          <p class="field-hint">{t('tablet.quiz.pickAll')}</p>
          {item.options.map((o) => (
            <div key={o.id} class="quiz-option-row">
              <label class="quiz-option">
                <input
                  type="checkbox"
                  disabled={disabled}
                  checked={picked.includes(o.id)}
                  onChange={(e) =>
                    onChange({
                      type: 'multipleChoice',
                      optionIds: (e.target as HTMLInputElement).checked
                        ? [...picked, o.id]
                        : picked.filter((x) => x !== o.id),
                    })
                  }
                />
                <OptionContent option={o} />
              </label>
              {o.audio && <SpokenButton hash={o.audio.hash} />}
            </div>
          ))}
        </div>
      );
    }
    case 'trueFalse':
      return (
        <div class="quiz-options quiz-true-false">
          {[true, false].map((v) => (
            <label key={String(v)} class="quiz-option">
              <input
                type="radio"
                name={group}
                disabled={disabled}
                checked={answer?.type === 'trueFalse' && answer.value === v}
                onChange={() => onChange({ type: 'trueFalse', value: v })}
              />
              <span>{v ? t('content.item.true') : t('content.item.false')}</span>
            </label>
          ))}
        </div>
      );
    case 'ordering': {
      const order = answer?.type === 'ordering' ? answer.order : [];
      const byId = new Map(item.options.map((o) => [o.id, o]));
      const move = (i: number, by: -1 | 1) => {
        const next = [...order];
        [next[i], next[i + by]] = [next[i + by]!, next[i]!];
        onChange({ type: 'ordering', order: next });
      };
      return (
        <>
          <p class="field-hint">{t('tablet.quiz.orderHelp')}</p>
          <ol class="quiz-ordering">
            {order.map((id, i) => {
              const o = byId.get(id)!;
              return (
                <li key={id} class="quiz-order-row">
                  <OptionContent option={o} />
                  <span class="quiz-order-moves">
                    <button
                      type="button"
                      disabled={disabled || i === 0}
                      aria-label={t('content.moveUpNamed', { name: optionLabel(o) })}
                      onClick={() => move(i, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      disabled={disabled || i === order.length - 1}
                      aria-label={t('content.moveDownNamed', { name: optionLabel(o) })}
                      onClick={() => move(i, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      );
    }
    case 'matching': {
      const pairs = answer?.type === 'matching' ? answer.pairs : [];
      return (
        <div class="quiz-matching">
          {item.left.map((l) => (
            <label key={l.id} class="quiz-match-row">
              <OptionContent option={l} />
              <select
                disabled={disabled}
                value={pairs.find((p) => p.left === l.id)?.right ?? ''}
                onChange={(e) => {
                  const right = (e.target as HTMLSelectElement).value;
                  const others = pairs.filter((p) => p.left !== l.id);
                  onChange({ type: 'matching', pairs: right ? [...others, { left: l.id, right }] : others });
                }}
              >
                <option value="">{t('tablet.quiz.choose')}</option>
                {item.right.map((r) => (
                  <option key={r.id} value={r.id}>
                    {optionLabel(r)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      );
    }
    case 'numeric':
    case 'shortText': {
      const text = answer?.type === item.type ? answer.text : '';
      const numeric = item.type === 'numeric';
      return (
        <label class="field quiz-text">
          <span>{t('content.try.yourAnswer')}</span>
          <input
            value={text}
            disabled={disabled}
            dir={numeric ? 'ltr' : dir}
            inputMode={numeric ? 'decimal' : 'text'}
            autoComplete="off"
            onInput={(e) => onChange({ type: item.type, text: (e.target as HTMLInputElement).value })}
          />
        </label>
      );
    }
  }
}
