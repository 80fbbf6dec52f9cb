import {
  type ContentLanguage,
  type ContentTags,
  CYCLES,
  type Cycle,
  contentLanguage,
  LEVELS,
  SUBJECTS,
} from '@lawh/shared';
import { useApp } from '../../app/context';
import { LANGUAGE_NAMES } from '../../i18n';
import { SelectField, TextField } from '../../ui/fields';
import type { FieldErrors } from './content-form';

/** Cycle → level, subject, unit and the content's language, which sets the editors' direction. */
export function ContentTagsFields({
  value,
  onChange,
  errors,
}: {
  value: ContentTags;
  onChange: (tags: ContentTags) => void;
  errors: FieldErrors;
}) {
  const { t } = useApp();
  const set = (patch: Partial<ContentTags>) => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>{t('content.tags')}</legend>
      <div class="tags-grid">
        <SelectField
          label={t('content.language')}
          value={value.language}
          onChange={(v) => set({ language: v as ContentLanguage })}
          error={errors.language}
          options={contentLanguage.options.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          hint={t('content.languageHint')}
          required
        />
        <SelectField
          label={t('class.subject')}
          value={value.subject}
          onChange={(v) => set({ subject: v as ContentTags['subject'] })}
          error={errors.subject}
          options={SUBJECTS.map((s) => ({ value: s, label: t(`class.subject.${s}`) }))}
          required
        />
        <SelectField
          label={t('class.cycle')}
          value={value.cycle}
          // A level belongs to one cycle: changing the cycle starts at its first level.
          onChange={(v) => set({ cycle: v as Cycle, level: LEVELS[v as Cycle][0] })}
          error={errors.cycle}
          options={CYCLES.map((c) => ({ value: c, label: t(`class.cycle.${c}`) }))}
          required
        />
        <SelectField
          label={t('class.level')}
          value={value.level}
          onChange={(v) => set({ level: v })}
          error={errors.level}
          options={LEVELS[value.cycle].map((l) => ({ value: l, label: l }))}
          dir="ltr"
          required
        />
      </div>
      <TextField
        label={t('content.unit')}
        value={value.unit ?? ''}
        onInput={(v) => set({ unit: v.trim() === '' ? undefined : v })}
        error={errors.unit}
        hint={t('content.unitHint')}
        dir="auto"
      />
    </fieldset>
  );
}
