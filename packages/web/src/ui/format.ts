import { useMemo } from 'preact/hooks';
import { useApp } from '../app/context';

// Intl puts right-to-left marks around the separators of Arabic dates (07‏/03‏/2024); inside an
// element kept left-to-right they would scramble the order, so they are dropped.
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** Numbers and dates in the interface's locale (Latin digits in Arabic), to show inside <bdi dir="ltr">. */
export function useFormat() {
  const { intl } = useApp();
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(intl);
    const dateTimes = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' });
    const dates = new Intl.DateTimeFormat(intl, { dateStyle: 'medium' });
    return {
      num: (n: number) => numbers.format(n),
      dateTime: (iso: string) => dateTimes.format(new Date(iso)).replace(BIDI_MARKS, ''),
      date: (iso: string) => dates.format(new Date(iso)).replace(BIDI_MARKS, ''),
    };
  }, [intl]);
}
