import { parseNumber } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { isolate } from '../../ui/bidi';
import { SelectField, TextField } from '../../ui/fields';
import { type FieldErrors, firstError, removeAt, replaceAt } from './content-form';
import { type ItemOf, OptionList } from './item-options';

type Dir = { dir: 'rtl' | 'ltr'; lang: string };

export function TrueFalseEditor({
  item,
  onChange,
  errors,
}: {
  item: ItemOf<'trueFalse'>;
  onChange: (item: ItemOf<'trueFalse'>) => void;
  errors: FieldErrors;
}) {
  const { t } = useApp();
  return (
    <SelectField
      label={t('content.item.answer')}
      value={String(item.correct)}
      onChange={(v) => onChange({ ...item, correct: v === 'true' })}
      error={errors.correct}
      options={[
        { value: 'true', label: t('content.item.true') },
        { value: 'false', label: t('content.item.false') },
      ]}
    />
  );
}

/**
 * A number typed as text: "3,5" or Arabic-Indic digits are parsed as the grader parses them, and
 * the text stays as typed so "2." does not jump back to "2" mid-word.
 */
function NumberInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  error?: string;
}) {
  const { t } = useApp();
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '');
  const parsed = parseNumber(text);
  const local = text.trim() !== '' && parsed === null ? t('content.item.notANumber') : undefined;
  return (
    <TextField
      label={label}
      value={text}
      inputMode="decimal"
      dir="ltr"
      error={local ?? error}
      onInput={(v) => {
        setText(v);
        const n = parseNumber(v);
        if (n !== null) onChange(n);
      }}
      required
    />
  );
}

export function NumericEditor({
  item,
  onChange,
  errors,
}: {
  item: ItemOf<'numeric'>;
  onChange: (item: ItemOf<'numeric'>) => void;
  errors: FieldErrors;
}) {
  const { t } = useApp();
  return (
    <div class="grid-2">
      <NumberInput
        label={t('content.item.numericAnswer')}
        value={item.answer}
        onChange={(answer) => onChange({ ...item, answer })}
        error={errors.answer}
      />
      <NumberInput
        label={t('content.item.tolerance')}
        value={item.tolerance}
        onChange={(tolerance) => onChange({ ...item, tolerance })}
        error={errors.tolerance}
      />
    </div>
  );
}

/** A list of short strings with add and remove: accepted answers, hints. */
export function TextList({
  legend,
  itemLabel,
  values,
  onChange,
  errors,
  field,
  max,
  dir,
  lang,
}: {
  legend: string;
  itemLabel: (n: number) => string;
  values: string[];
  onChange: (values: string[]) => void;
  errors: FieldErrors;
  field: string;
  max: number;
  dir: Dir['dir'];
  lang: string;
}) {
  const { t } = useApp();
  return (
    <fieldset class="text-list">
      <legend>{legend}</legend>
      {errors[field] && <p class="field-error">{errors[field]}</p>}
      {values.map((v, i) => (
        <div class="option-row" key={i}>
          <TextField
            label={itemLabel(i + 1)}
            value={v}
            onInput={(nv) => onChange(replaceAt(values, i, nv))}
            error={firstError(errors, `${field}.${i}`)}
            dir={dir}
            lang={lang}
          />
          <button
            type="button"
            class="danger"
            onClick={() => onChange(removeAt(values, i))}
            aria-label={t('content.removeNamed', { name: isolate(itemLabel(i + 1)) })}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      ))}
      <button type="button" disabled={values.length >= max} onClick={() => onChange([...values, ''])}>
        {t('content.item.addTo', { list: legend })}
      </button>
    </fieldset>
  );
}

export function ShortTextEditor({
  item,
  onChange,
  errors,
  dir,
  lang,
}: {
  item: ItemOf<'shortText'>;
  onChange: (item: ItemOf<'shortText'>) => void;
  errors: FieldErrors;
} & Dir) {
  const { t } = useApp();
  return (
    <>
      <TextList
        legend={t('content.item.accepted')}
        itemLabel={(n) => t('content.item.acceptedN', { n })}
        values={item.accepted}
        onChange={(accepted) => onChange({ ...item, accepted })}
        errors={errors}
        field="accepted"
        max={50}
        dir={dir}
        lang={lang}
      />
      <p class="field-hint">{t('content.item.acceptedHint')}</p>
    </>
  );
}

/** Two columns of options and, for each left option, the right option it belongs with. */
export function MatchingEditor({
  item,
  onChange,
  errors,
  dir,
  lang,
}: {
  item: ItemOf<'matching'>;
  onChange: (item: ItemOf<'matching'>) => void;
  errors: FieldErrors;
} & Dir) {
  const { t } = useApp();
  const id = useId();
  const rightOf = new Map(item.pairs.map((p) => [p.left, p.right]));
  // Pairs follow the columns: an option removed from either side takes its pairs with it.
  const withPairs = (left: typeof item.left, right: typeof item.right, pairs = item.pairs) => {
    const l = new Set(left.map((o) => o.id));
    const r = new Set(right.map((o) => o.id));
    return { ...item, left, right, pairs: pairs.filter((p) => l.has(p.left) && r.has(p.right)) };
  };
  const pairError = firstError(errors, 'pairs');
  return (
    <>
      <div class="grid-2">
        <OptionList
          legend={t('content.item.left')}
          options={item.left}
          onChange={(left) => onChange(withPairs(left, item.right))}
          errors={errors}
          field="left"
          dir={dir}
          lang={lang}
        />
        <OptionList
          legend={t('content.item.right')}
          options={item.right}
          onChange={(right) => onChange(withPairs(item.left, right))}
          errors={errors}
          field="right"
          dir={dir}
          lang={lang}
        />
      </div>
      <fieldset aria-describedby={pairError ? `${id}-e` : undefined}>
        <legend>{t('content.item.pairs')}</legend>
        {item.left.map((l, i) => (
          <SelectField
            key={l.id}
            label={l.text || t('content.item.optionN', { n: i + 1 })}
            value={rightOf.get(l.id) ?? ''}
            dir={dir}
            lang={lang}
            onChange={(r) => {
              const others = item.pairs.filter((p) => p.left !== l.id);
              onChange(withPairs(item.left, item.right, r ? [...others, { left: l.id, right: r }] : others));
            }}
            options={[
              { value: '', label: t('content.item.noPair') },
              ...item.right.map((r, k) => ({
                value: r.id,
                label: r.text || t('content.item.optionN', { n: k + 1 }),
              })),
            ]}
          />
        ))}
        {pairError && (
          <p class="field-error" id={`${id}-e`}>
            <bdi>{pairError}</bdi>
          </p>
        )}
      </fieldset>
    </>
  );
}
