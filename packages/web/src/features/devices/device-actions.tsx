import type { Condition, Device, DeviceActionName } from '@lawh/shared';
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { SelectField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { schoolName, useSchools } from '../../ui/school-select';
import { useForm } from '../../ui/use-form';
import { actionsFor, CONDITIONS, RECORDS_CONDITION } from './device-rules';
import { HandOverForm } from './handover-form';

export interface ActionProps {
  device: Device;
  onDone: (action: DeviceActionName) => void;
  /** The tablet changed elsewhere (409): reload it so the offered actions match its status again. */
  onStale: () => void;
  onCancel: () => void;
}

/** The actions valid from the tablet's status for this role, each opening its own short form. */
export function DeviceActions({ device, onDone, onStale }: Omit<ActionProps, 'onCancel'>) {
  const { t, me } = useApp();
  const [chosen, setChosen] = useState<DeviceActionName | null>(null);
  const [stale, setStale] = useState(false);
  const actions = me ? actionsFor(device, me) : [];
  const formId = useId();
  const props: ActionProps = {
    device,
    onDone: (a) => (setChosen(null), onDone(a)),
    onStale: () => (setChosen(null), setStale(true), onStale()),
    onCancel: () => setChosen(null),
  };
  return (
    <section aria-labelledby="device-actions">
      <h2 id="device-actions">{t('device.actions')}</h2>
      {stale && <Notice kind="error">{t('device.invalidTransition')}</Notice>}
      {actions.length === 0 ? (
        <p>{t(device.status === 'retired' ? 'device.noActionsRetired' : 'device.noActions')}</p>
      ) : (
        <div class="row-actions">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              class={chosen === a ? 'primary' : undefined}
              aria-expanded={chosen === a}
              aria-controls={chosen === a ? formId : undefined}
              onClick={() => (setStale(false), setChosen(chosen === a ? null : a))}
            >
              {t(`device.do.${a}`)}
            </button>
          ))}
        </div>
      )}
      {chosen && (
        <div id={formId} class="subsection">
          {chosen === 'hand_over' ? (
            <HandOverForm {...props} />
          ) : (
            <ActionForm key={chosen} action={chosen} {...props} />
          )}
        </div>
      )}
    </section>
  );
}

/** Any action but a handover: a school to send it to, its condition, a note, as the action needs. */
function ActionForm({
  action,
  device,
  onDone,
  onStale,
  onCancel,
}: ActionProps & { action: DeviceActionName }) {
  const { t, locale } = useApp();
  const form = useForm({ schoolId: '', condition: device.condition as Condition, note: '' });
  const { values, set, errors } = form;
  const { schools } = useSchools(action === 'assign_school');
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { action };
    if (action === 'assign_school') body.schoolId = values.schoolId;
    if (RECORDS_CONDITION.has(action)) body.condition = values.condition;
    if (values.note.trim()) body.note = values.note.trim();
    if (await postAction(form, device, body, onStale)) onDone(action);
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t(`device.do.${action}`)}</legend>
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        {action === 'retire' && <Notice kind="info">{t('device.retireWarning')}</Notice>}
        {action === 'assign_school' && (
          <SelectField
            label={t('device.toSchool')}
            value={values.schoolId}
            onChange={set('schoolId')}
            error={errors.schoolId}
            required
            options={[
              { value: '', label: t('picker.choose') },
              ...schools
                .filter((s) => s.id !== device.schoolId)
                .map((s) => ({ value: s.id, label: schoolName(s, locale) })),
            ]}
          />
        )}
        {RECORDS_CONDITION.has(action) && (
          <ConditionField value={values.condition} onChange={set('condition')} error={errors.condition} />
        )}
        <NoteField
          value={values.note}
          onInput={set('note')}
          error={errors.note}
          hint={action === 'report_lost' ? t('device.lostHint') : undefined}
        />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class={action === 'retire' ? 'danger' : 'primary'} disabled={form.busy}>
          {t(`device.do.${action}`)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Posts one action. A 409 means the tablet moved on since the page was loaded (someone else acted
 * on it): the caller reloads it rather than showing the refused form again.
 */
export async function postAction(
  form: { submit: <R>(action: () => Promise<R>) => Promise<R | null> },
  device: Device,
  body: Record<string, unknown>,
  onStale: () => void,
): Promise<Device | null> {
  let stale = false;
  const saved = await form.submit(async () => {
    try {
      return await api.post<Device>(`/api/v1/devices/${device.id}/actions`, body);
    } catch (e) {
      stale = e instanceof ApiError && e.code === 'invalid_transition';
      throw e;
    }
  });
  if (stale) onStale();
  return saved;
}

export function ConditionField({
  value,
  onChange,
  error,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  error?: string;
}) {
  const { t } = useApp();
  return (
    <SelectField
      label={t('device.condition')}
      value={value}
      onChange={(v) => onChange(v as Condition)}
      error={error}
      required
      options={CONDITIONS.map((c) => ({ value: c, label: t(`device.condition.${c}`) }))}
    />
  );
}

export function NoteField({
  value,
  onInput,
  error,
  hint,
}: {
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useApp();
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{t('device.note')}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={1000}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
      />
      {hint && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          <bdi>{error}</bdi>
        </span>
      )}
    </div>
  );
}
