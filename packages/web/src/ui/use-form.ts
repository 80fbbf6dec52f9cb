import { useState } from 'preact/hooks';
import { useApp } from '../app/context';
import { ApiError } from '../lib/api';

/**
 * Form state plus submission: field errors come from the server's answer (the shared schemas are
 * the single source of rules), shown next to the named field, and a general message otherwise.
 */
export function useForm<T extends Record<string, unknown>>(initial: T) {
  const { t } = useApp();
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [formErrorCode, setFormErrorCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set =
    <K extends keyof T>(key: K) =>
    (v: T[K]) =>
      setValues((s) => ({ ...s, [key]: v }));

  async function submit<R>(action: () => Promise<R>): Promise<R | null> {
    setBusy(true);
    setErrors({});
    setFormError(null);
    setFormErrorCode(null);
    try {
      return await action();
    } catch (e) {
      if (e instanceof ApiError) {
        const d = e.details as
          | { field?: string; issues?: Array<{ field: string; message: string }> }
          | undefined;
        const fieldErrors: Record<string, string> = {};
        for (const i of d?.issues ?? []) fieldErrors[i.field] ??= i.message;
        if (d?.field) fieldErrors[d.field] = e.message;
        setErrors(fieldErrors);
        setFormErrorCode(e.code);
        setFormError(e.status === 0 ? t('app.offline') : e.message || t('common.error'));
      } else setFormError(t('common.error'));
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, formError, formErrorCode, busy, submit };
}
