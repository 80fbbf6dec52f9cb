import { newId, type QuizItemInput, type QuizItemType } from '@lawh/shared';
import { useId } from 'preact/hooks';
import { useApp } from '../../app/context';
import { isolate } from '../../ui/bidi';
import { CheckboxField, TextField } from '../../ui/fields';
import { type FieldErrors, firstError } from './content-form';
import { MatchingEditor, NumericEditor, ShortTextEditor, TextList, TrueFalseEditor } from './item-answers';
import { ChoiceEditor, newOption } from './item-options';
import { MediaField } from './media-field';
import { TryIt } from './try-it';

export function newItem(type: QuizItemType): QuizItemInput {
  const base = { id: newId(), prompt: { text: '' }, hints: [], feedback: {}, points: 1 };
  switch (type) {
    case 'singleChoice':
      return { ...base, type, options: [newOption(), newOption()], correct: '' };
    case 'multipleChoice':
      return { ...base, type, options: [newOption(), newOption()], correct: [] };
    case 'trueFalse':
      return { ...base, type, correct: true };
    case 'ordering': {
      const options = [newOption(), newOption()];
      return { ...base, type, options, correctOrder: options.map((o) => o.id) };
    }
    case 'matching':
      return {
        ...base,
        type,
        left: [newOption(), newOption()],
        right: [newOption(), newOption()],
        pairs: [],
      };
    case 'numeric':
      return { ...base, type, answer: 0, tolerance: 0 };
    case 'shortText':
      return { ...base, type, accepted: [''] };
  }
}

/** One quiz item: prompt, answers for its type, hints, feedback, shuffle, points and a "Try it". */
export function ItemEditor({
  item,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  errors,
  dir,
  lang,
}: {
  item: QuizItemInput;
  index: number;
  count: number;
  onChange: (item: QuizItemInput) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  errors: FieldErrors;
  dir: 'rtl' | 'ltr';
  lang: string;
}) {
  const { t } = useApp();
  const errId = useId();
  const legend = t('content.item.legend', {
    n: index + 1,
    type: isolate(t(`content.item.type.${item.type}`)),
  });
  const set = (patch: Partial<QuizItemInput>) => onChange({ ...item, ...patch } as QuizItemInput);
  const prompt = item.prompt;
  const feedback = item.feedback ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const typed = { errors, dir, lang };
  return (
    <fieldset
      class={`item${hasErrors ? ' has-errors' : ''}`}
      aria-describedby={hasErrors ? errId : undefined}
    >
      <legend>{legend}</legend>
      {hasErrors && (
        <p class="field-error" id={errId}>
          {t('content.item.hasErrors')}
          {errors[''] ? ` ${errors['']}` : ''}
        </p>
      )}
      <TextField
        label={t('content.item.prompt')}
        value={prompt.text}
        onInput={(text) => set({ prompt: { ...prompt, text } })}
        error={firstError(errors, 'prompt.text') ?? errors.prompt}
        dir={dir}
        lang={lang}
        required
      />
      <details class="prompt-media" open={!!(prompt.image || prompt.audio)}>
        <summary>{t('content.item.promptMedia')}</summary>
        <MediaField
          label={t('content.media.kind.image')}
          kind="image"
          value={prompt.image}
          onChange={(image) => set({ prompt: { ...prompt, image } })}
          error={firstError(errors, 'prompt.image')}
        />
        <MediaField
          label={t('content.media.kind.audio')}
          kind="audio"
          value={prompt.audio}
          onChange={(audio) => set({ prompt: { ...prompt, audio } })}
          error={firstError(errors, 'prompt.audio')}
          record
        />
      </details>
      {(item.type === 'singleChoice' || item.type === 'multipleChoice' || item.type === 'ordering') && (
        <ChoiceEditor item={item} onChange={onChange} {...typed} />
      )}
      {item.type === 'trueFalse' && <TrueFalseEditor item={item} onChange={onChange} errors={errors} />}
      {item.type === 'numeric' && <NumericEditor item={item} onChange={onChange} errors={errors} />}
      {item.type === 'shortText' && <ShortTextEditor item={item} onChange={onChange} {...typed} />}
      {item.type === 'matching' && <MatchingEditor item={item} onChange={onChange} {...typed} />}
      <TextList
        legend={t('content.item.hints')}
        itemLabel={(n) => t('content.item.hintN', { n })}
        values={item.hints ?? []}
        onChange={(hints) => set({ hints })}
        field="hints"
        max={5}
        {...typed}
      />
      <div class="grid-2">
        <TextField
          label={t('content.item.feedbackCorrect')}
          value={feedback.correct ?? ''}
          onInput={(v) => set({ feedback: { ...feedback, correct: v.trim() ? v : undefined } })}
          error={errors['feedback.correct']}
          dir={dir}
          lang={lang}
        />
        <TextField
          label={t('content.item.feedbackIncorrect')}
          value={feedback.incorrect ?? ''}
          onInput={(v) => set({ feedback: { ...feedback, incorrect: v.trim() ? v : undefined } })}
          error={errors['feedback.incorrect']}
          dir={dir}
          lang={lang}
        />
      </div>
      <div class="grid-2">
        {item.type !== 'trueFalse' && item.type !== 'numeric' && item.type !== 'shortText' && (
          <CheckboxField
            label={t('content.item.shuffle')}
            checked={item.shuffle ?? false}
            onChange={(shuffle) => set({ shuffle })}
            error={errors.shuffle}
          />
        )}
        <TextField
          label={t('content.item.points')}
          type="number"
          min={1}
          max={100}
          dir="ltr"
          value={String(item.points ?? 1)}
          onInput={(v) => set({ points: Number.parseInt(v, 10) || 1 })}
          error={errors.points}
        />
      </div>
      <TryIt item={item} dir={dir} lang={lang} />
      <div class="row-actions">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t('content.moveUpNamed', { name: legend })}
        >
          {t('content.moveUp')}
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('content.moveDownNamed', { name: legend })}
        >
          {t('content.moveDown')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={onRemove}
          aria-label={t('content.removeNamed', { name: legend })}
        >
          {t('content.remove')}
        </button>
      </div>
    </fieldset>
  );
}
