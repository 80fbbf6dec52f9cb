import type { QuietHoursInput } from '@lawh/shared';
import { HHMM } from '@lawh/shared/lib/quiet-hours';
import { useEffect, useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import './messages.css';

/** The school's quiet hours, on its settings page: no tablet notifications from start to end. */
export function QuietHoursForm({ schoolId }: { schoolId: string }) {
  const { t } = useApp();
  const id = useId();
  const url = `/api/v1/schools/${schoolId}/quiet-hours`;
  const current = useFetch<QuietHoursInput>(url);
  const [value, setValue] = useState<QuietHoursInput>({ start: '21:00', end: '07:00' });
  const [error, setError] = useState<{ field: 'start' | 'end' | 'form'; text: string } | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setValue(current.data);
  }, [current.data]);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    for (const f of ['start', 'end'] as const)
      if (!HHMM.test(value[f])) return setError({ field: f, text: t('quiet.invalid') });
    if (value.start === value.end) return setError({ field: 'end', text: t('quiet.same') });
    try {
      setValue(await api.put<QuietHoursInput>(url, value));
      setSaved(true);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : null;
      const text = err instanceof ApiError && err.status === 0 ? t('app.offline') : (err as Error).message;
      setError({ field: field === 'start' || field === 'end' ? field : 'form', text });
    }
  };

  const input = (f: 'start' | 'end', label: string) => (
    <div class="field">
      <label for={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        type="time"
        dir="ltr"
        required
        value={value[f]}
        aria-invalid={error?.field === f ? true : undefined}
        aria-describedby={error?.field === f ? `${id}-error` : `${id}-explain`}
        onInput={(e) => setValue({ ...value, [f]: (e.target as HTMLInputElement).value.slice(0, 5) })}
      />
    </div>
  );

  return (
    <section aria-labelledby={`${id}-head`}>
      <h2 id={`${id}-head`}>{t('quiet.title')}</h2>
      <p id={`${id}-explain`}>{t('quiet.explain')}</p>
      {current.error && <Notice kind="error">{current.error.message}</Notice>}
      <form class="quiet-hours" onSubmit={save} noValidate>
        {input('start', t('quiet.start'))}
        {input('end', t('quiet.end'))}
        <button type="submit" class="primary">
          {t('quiet.save')}
        </button>
      </form>
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          <bdi>{error.text}</bdi>
        </p>
      )}
      {saved && <Notice kind="success">{t('quiet.saved')}</Notice>}
    </section>
  );
}
