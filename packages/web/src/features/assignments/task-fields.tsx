import type { Rubric } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { uploadMedia } from '../content/media-api';

export interface Attachment {
  hash: string;
  name: string;
}

/** Files attached to a task: uploaded with the media upload, listed by name, removable. */
export function AttachmentsField({
  value,
  onChange,
  error,
}: {
  value: Attachment[];
  onChange: (v: Attachment[]) => void;
  error?: string;
}) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const add = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    setFailed(null);
    try {
      const m = await uploadMedia(file, file.name, () => {});
      onChange([...value, { hash: m.hash, name: file.name.slice(0, 200) }]);
    } catch (err) {
      setFailed((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset class="subsection">
      <legend>{t('classroom.attachments')}</legend>
      {value.length > 0 && (
        <ul class="attachment-list">
          {value.map((a, i) => (
            <li key={a.hash + i}>
              <bdi>{a.name}</bdi>{' '}
              <button
                type="button"
                aria-label={t('classroom.removeNamed', { name: a.name })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                {t('classroom.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label class="field">
        {busy ? t('classroom.uploading') : t('classroom.attach')}
        <input type="file" onChange={add} disabled={busy} />
      </label>
      {(failed || error) && (
        <Notice kind="error">
          <bdi>{failed ?? error}</bdi>
        </Notice>
      )}
    </fieldset>
  );
}

export type Scale = 'none' | 'points' | 'rubric';

/** How the task is graded: feedback only, points out of a maximum, or a rubric with levels. */
export function ScaleField({
  scale,
  onScale,
  maxPoints,
  onMaxPoints,
  rubric,
  onRubric,
  errors,
}: {
  scale: Scale;
  onScale: (s: Scale) => void;
  maxPoints: string;
  onMaxPoints: (v: string) => void;
  rubric: Rubric;
  onRubric: (r: Rubric) => void;
  errors: Record<string, string>;
}) {
  const { t } = useApp();
  const setCriterion = (i: number, c: Rubric[number]) => onRubric(rubric.map((x, j) => (j === i ? c : x)));
  const rubricError = Object.entries(errors).find(([k]) => k.startsWith('rubric'))?.[1];
  return (
    <fieldset class="subsection">
      <legend>{t('classroom.scale')}</legend>
      <div role="radiogroup" class="choice-row">
        {(['none', 'points', 'rubric'] as const).map((s) => (
          <label key={s} class="choice">
            <input type="radio" name="task-scale" checked={scale === s} onChange={() => onScale(s)} />
            {t(`classroom.scale.${s}`)}
          </label>
        ))}
      </div>
      {scale === 'points' && (
        <TextField
          label={t('classroom.maxPoints')}
          type="number"
          inputMode="decimal"
          min={1}
          max={1000}
          value={maxPoints}
          onInput={onMaxPoints}
          error={errors.maxPoints}
          dir="ltr"
        />
      )}
      {scale === 'rubric' && (
        <div class="rubric-editor">
          {rubric.map((c, i) => (
            <fieldset key={i} class="rubric-criterion">
              <legend>{t('classroom.criterionN', { n: i + 1 })}</legend>
              <TextField
                label={t('classroom.criterion')}
                value={c.criterion}
                onInput={(v) => setCriterion(i, { ...c, criterion: v })}
                dir="auto"
              />
              {c.levels.map((l, k) => (
                <div key={k} class="rubric-level">
                  <TextField
                    label={t('classroom.levelLabel')}
                    value={l.label}
                    onInput={(v) =>
                      setCriterion(i, {
                        ...c,
                        levels: c.levels.map((x, m) => (m === k ? { ...x, label: v } : x)),
                      })
                    }
                    dir="auto"
                  />
                  <TextField
                    label={t('classroom.levelPoints')}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    value={String(l.points)}
                    onInput={(v) =>
                      setCriterion(i, {
                        ...c,
                        levels: c.levels.map((x, m) => (m === k ? { ...x, points: Number(v) || 0 } : x)),
                      })
                    }
                    dir="ltr"
                  />
                  <button
                    type="button"
                    onClick={() => setCriterion(i, { ...c, levels: c.levels.filter((_, m) => m !== k) })}
                  >
                    {t('classroom.remove')}
                  </button>
                </div>
              ))}
              <div class="row-actions">
                <button
                  type="button"
                  onClick={() => setCriterion(i, { ...c, levels: [...c.levels, { label: '', points: 0 }] })}
                >
                  {t('classroom.addLevel')}
                </button>
                <button type="button" onClick={() => onRubric(rubric.filter((_, j) => j !== i))}>
                  {t('classroom.removeCriterion')}
                </button>
              </div>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              onRubric([
                ...rubric,
                {
                  criterion: '',
                  levels: [
                    { label: '', points: 0 },
                    { label: '', points: 1 },
                  ],
                },
              ])
            }
          >
            {t('classroom.addCriterion')}
          </button>
          {rubricError && (
            <p class="field-error">
              <bdi>{rubricError}</bdi>
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
