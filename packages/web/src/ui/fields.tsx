import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

interface Base {
  label: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
}

function Described({ id, error, hint }: { id: string; error?: string | null; hint?: string }) {
  return (
    <>
      {hint && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {/* The server's messages are English: isolated, "4–40 letters" keeps its order in Arabic. */}
          <bdi>{error}</bdi>
        </span>
      )}
    </>
  );
}

const describedBy = (id: string, error?: string | null, hint?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextField({
  label,
  error,
  hint,
  required,
  value,
  onInput,
  ...rest
}: Base & { value: string; onInput: (v: string) => void } & Omit<
    JSX.InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onInput' | 'label'
  >) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        {...rest}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  required,
  value,
  onChange,
  options,
  ...rest
}: Base & {
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string }>;
} & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'label'>) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({
  label,
  error,
  required,
  checked,
  onChange,
}: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div class="field field-check">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange((e.target as HTMLInputElement).checked)}
      />
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <Described id={id} error={error} />
    </div>
  );
}
