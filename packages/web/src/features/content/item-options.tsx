import { newId, type QuizItemInput, type QuizOption } from '@lawh/shared';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useApp } from '../../app/context';
import { isolate } from '../../ui/bidi';
import { type FieldErrors, firstError, move, removeAt, replaceAt } from './content-form';

export type ItemOf<T extends QuizItemInput['type']> = Extract<QuizItemInput, { type: T }>;
export const newOption = (): QuizOption => ({ id: newId(), text: '' });

/**
 * A list of options: text per option, add and remove, and per option one control chosen by the
 * caller (correct radio, correct checkbox, or move up/down for ordering).
 */
export function OptionList({
  legend,
  options,
  onChange,
  errors,
  field,
  dir,
  lang,
  mark,
  reorder,
}: {
  legend: string;
  options: QuizOption[];
  onChange: (options: QuizOption[]) => void;
  errors: FieldErrors;
  /** The item's field holding the list ('options', 'left', 'right'), to find its errors. */
  field: string;
  dir: 'rtl' | 'ltr';
  lang: string;
  mark?: (option: QuizOption, label: string) => ComponentChildren;
  reorder?: boolean;
}) {
  const { t } = useApp();
  const listError = errors[field];
  return (
    <fieldset class="options">
      <legend>{legend}</legend>
      {listError && <p class="field-error">{listError}</p>}
      <ol>
        {options.map((o, i) => {
          const label = t('content.item.optionN', { n: i + 1 });
          const error = firstError(errors, `${field}.${i}`);
          return (
            <li key={o.id} class="option-row">
              <OptionText
                label={label}
                value={o.text}
                error={error}
                dir={dir}
                lang={lang}
                onInput={(text) => onChange(replaceAt(options, i, { ...o, text }))}
              />
              {mark?.(o, label)}
              {reorder && (
                <>
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => onChange(move(options, i, -1))}
                    aria-label={t('content.moveUpNamed', { name: isolate(label) })}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    disabled={i === options.length - 1}
                    onClick={() => onChange(move(options, i, 1))}
                    aria-label={t('content.moveDownNamed', { name: isolate(label) })}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </>
              )}
              <button
                type="button"
                class="danger"
                disabled={options.length <= 2}
                onClick={() => onChange(removeAt(options, i))}
                aria-label={t('content.removeNamed', { name: isolate(label) })}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...options, newOption()])}>
        {t('content.item.addOption')}
      </button>
    </fieldset>
  );
}

function OptionText({
  label,
  value,
  error,
  dir,
  lang,
  onInput,
}: {
  label: string;
  value: string;
  error?: string;
  dir: 'rtl' | 'ltr';
  lang: string;
  onInput: (v: string) => void;
}) {
  const id = useId();
  return (
    <span class="option-text">
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        value={value}
        dir={dir}
        lang={lang}
        placeholder={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-e` : undefined}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
      {error && (
        <span class="field-error" id={`${id}-e`}>
          <bdi>{error}</bdi>
        </span>
      )}
    </span>
  );
}

type ChoiceItem = ItemOf<'singleChoice'> | ItemOf<'multipleChoice'> | ItemOf<'ordering'>;

/** Options of single choice (one radio marks the answer), multiple choice (checkboxes) or ordering. */
export function ChoiceEditor({
  item,
  onChange,
  errors,
  dir,
  lang,
}: {
  item: ChoiceItem;
  onChange: (item: ChoiceItem) => void;
  errors: FieldErrors;
  dir: 'rtl' | 'ltr';
  lang: string;
}) {
  const { t } = useApp();
  const group = useId();
  const correctError = firstError(errors, item.type === 'ordering' ? 'correctOrder' : 'correct');
  const setOptions = (options: QuizOption[]) => {
    const ids = new Set(options.map((o) => o.id));
    if (item.type === 'singleChoice')
      onChange({ ...item, options, correct: ids.has(item.correct) ? item.correct : '' });
    else if (item.type === 'multipleChoice')
      onChange({ ...item, options, correct: item.correct.filter((c) => ids.has(c)) });
    // The author lists ordering options in their correct order; the tablet shuffles them.
    else onChange({ ...item, options, correctOrder: options.map((o) => o.id) });
  };
  const mark =
    item.type === 'singleChoice'
      ? (o: QuizOption, label: string) => (
          <label class="mark">
            <input
              type="radio"
              name={group}
              checked={item.correct === o.id}
              onChange={() => onChange({ ...item, correct: o.id })}
            />
            <span>{t('content.item.correct')}</span>
            <span class="visually-hidden">{label}</span>
          </label>
        )
      : item.type === 'multipleChoice'
        ? (o: QuizOption, label: string) => (
            <label class="mark">
              <input
                type="checkbox"
                checked={item.correct.includes(o.id)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const correct = on ? [...item.correct, o.id] : item.correct.filter((c) => c !== o.id);
                  onChange({ ...item, correct });
                }}
              />
              <span>{t('content.item.correct')}</span>
              <span class="visually-hidden">{label}</span>
            </label>
          )
        : undefined;
  return (
    <>
      {item.type === 'ordering' && <p class="field-hint">{t('content.item.orderingHint')}</p>}
      <OptionList
        legend={t('content.item.options')}
        options={item.options}
        onChange={setOptions}
        errors={errors}
        field="options"
        dir={dir}
        lang={lang}
        mark={mark}
        reorder={item.type === 'ordering'}
      />
      {correctError && (
        <p class="field-error" role="alert">
          <bdi>{correctError}</bdi>
        </p>
      )}
    </>
  );
}
