import { useEffect } from 'preact/hooks';
import { useApp } from '../../app/context';
import { SelectField } from '../../ui/fields';
import { currentYear, useSessions } from './sessions';

/** Picks a school year; a new record starts in the current one. */
export function YearSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | null;
}) {
  const { t } = useApp();
  const { years, error: loadError } = useSessions('schoolYear');
  useEffect(() => {
    const current = currentYear(years);
    if (!value && current) onChange(current.id);
  }, [years.length, value]);
  const options = years
    .filter((y) => !y.archived || y.id === value)
    .map((y) => ({ value: y.id, label: y.title }));
  if (!value) options.unshift({ value: '', label: t('picker.choose') });
  return (
    <SelectField
      label={t('calendar.year')}
      value={value}
      onChange={onChange}
      options={options}
      error={error ?? loadError?.message}
      required
    />
  );
}
