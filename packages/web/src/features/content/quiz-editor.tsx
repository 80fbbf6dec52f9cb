import {
  type ContentDetail,
  type ContentTags,
  type MasteryRule,
  QUIZ_ITEM_TYPES,
  type QuizInput,
  type QuizItemInput,
  type QuizItemType,
} from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { EditorActions, EditorNotices, useContentEditor, VersionList } from './content-editor';
import {
  contentDir,
  defaultTags,
  errorsUnder,
  type FieldErrors,
  move,
  removeAt,
  replaceAt,
} from './content-form';
import { ContentTagsFields } from './content-tags';
import { ItemEditor, newItem } from './item-editor';

interface QuizDraft extends Record<string, unknown> {
  title: string;
  tags: ContentTags;
  items: QuizItemInput[];
  mastery: MasteryRule;
}

/** Creates (`detail` null) or edits a quiz: title, tags, mastery rule and its items. */
export function QuizEditor({ detail, onSaved }: { detail: ContentDetail | null; onSaved: () => void }) {
  const { t, locale } = useApp();
  const input = detail?.draft?.input as QuizInput | undefined;
  const initial: QuizDraft = input
    ? { title: input.title, tags: input.tags, items: input.items, mastery: input.mastery }
    : {
        title: '',
        tags: defaultTags(locale),
        items: [newItem('singleChoice')],
        mastery: { rule: 'allCorrect' },
      };
  const editor = useContentEditor('quiz', detail, initial, onSaved);
  const { values, setValues, errors } = editor.form;
  const [addType, setAddType] = useState<QuizItemType>('singleChoice');
  const items = values.items;
  const setItems = (next: QuizItemInput[]) => setValues((v) => ({ ...v, items: next }));
  const { dir, lang } = contentDir(values.tags.language);

  return (
    <Page title={detail ? t('content.editQuiz') : t('content.newQuiz')}>
      <EditorNotices editor={editor} placed={['title', 'tags', 'items', 'mastery']} />
      <form
        class="form content-form"
        onSubmit={(e) => {
          e.preventDefault();
          void editor.saveDraft();
        }}
        noValidate
      >
        <TextField
          label={t('content.title')}
          value={values.title}
          onInput={(title) => setValues((v) => ({ ...v, title }))}
          error={errors.title}
          dir={dir}
          lang={lang}
          required
        />
        <ContentTagsFields
          value={values.tags}
          onChange={(tags) => setValues((v) => ({ ...v, tags }))}
          errors={errorsUnder(errors, 'tags')}
        />
        <MasteryFields
          value={values.mastery}
          onChange={(mastery) => setValues((v) => ({ ...v, mastery }))}
          errors={errorsUnder(errors, 'mastery')}
          itemCount={items.length}
        />
        <section aria-labelledby="items-h">
          <h2 id="items-h">{t('content.items')}</h2>
          {errors.items && <p class="field-error">{errors.items}</p>}
          {items.map((item, i) => (
            <ItemEditor
              key={item.id}
              item={item}
              index={i}
              count={items.length}
              onChange={(next) => setItems(replaceAt(items, i, next))}
              onMove={(d) => setItems(move(items, i, d))}
              onRemove={() => setItems(removeAt(items, i))}
              errors={errorsUnder(errors, `items.${i}`)}
              dir={dir}
              lang={lang}
            />
          ))}
          <div class="add-row">
            <SelectField
              label={t('content.item.type')}
              value={addType}
              onChange={(v) => setAddType(v as QuizItemType)}
              options={QUIZ_ITEM_TYPES.map((k) => ({ value: k, label: t(`content.item.type.${k}`) }))}
            />
            <button type="button" onClick={() => setItems([...items, newItem(addType)])}>
              {t('content.addItem')}
            </button>
          </div>
        </section>
        <EditorActions detail={detail} editor={editor} />
      </form>
      {detail && <VersionList detail={detail} />}
    </Page>
  );
}

/** All correct, m of n, or k in a row: when the learner has mastered the quiz. */
function MasteryFields({
  value,
  onChange,
  errors,
  itemCount,
}: {
  value: MasteryRule;
  onChange: (rule: MasteryRule) => void;
  errors: FieldErrors;
  itemCount: number;
}) {
  const { t } = useApp();
  const int = (v: string) => Math.max(1, Number.parseInt(v, 10) || 1);
  const n = Math.max(1, itemCount);
  return (
    <fieldset>
      <legend>{t('content.mastery')}</legend>
      <SelectField
        label={t('content.mastery.rule')}
        value={value.rule}
        onChange={(rule) =>
          onChange(
            rule === 'mOfN'
              ? { rule, m: Math.min(n, Math.max(1, n - 1)), n }
              : rule === 'kInARow'
                ? { rule, k: Math.min(3, n) }
                : { rule: 'allCorrect' },
          )
        }
        error={errors.rule ?? errors['']}
        options={[
          { value: 'allCorrect', label: t('content.mastery.allCorrect') },
          { value: 'mOfN', label: t('content.mastery.mOfN') },
          { value: 'kInARow', label: t('content.mastery.kInARow') },
        ]}
      />
      {value.rule === 'mOfN' && (
        <div class="grid-2">
          <TextField
            label={t('content.mastery.m')}
            type="number"
            min={1}
            dir="ltr"
            value={String(value.m)}
            onInput={(v) => onChange({ ...value, m: int(v) })}
            error={errors.m}
          />
          <TextField
            label={t('content.mastery.n')}
            type="number"
            min={1}
            dir="ltr"
            value={String(value.n)}
            onInput={(v) => onChange({ ...value, n: int(v) })}
            error={errors.n}
          />
        </div>
      )}
      {value.rule === 'kInARow' && (
        <TextField
          label={t('content.mastery.k')}
          type="number"
          min={1}
          dir="ltr"
          value={String(value.k)}
          onInput={(v) => onChange({ ...value, k: int(v) })}
          error={errors.k}
        />
      )}
    </fieldset>
  );
}
