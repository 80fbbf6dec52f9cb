import { describe, expect, it } from 'vitest';
import { formatters, ltr, stripBidi } from './format';

describe('formatters', () => {
  const ar = formatters('ar-MA');
  const fr = formatters('fr-MA');

  it('writes Western Arabic digits in Arabic, as Morocco does', () => {
    expect(ar.num(1234.5)).toBe('1.234,5');
    expect(fr.num(1234.5)).toBe('1.234,5');
    expect(ar.num(1234.5)).not.toMatch(/[\u0660-\u0669]/);
  });

  it('keeps a grade in logical order and isolates it for plain text', () => {
    expect(ar.grade(10, 5)).toBe('10/5');
    expect(ar.grade(7.5, 10)).toBe('7,5/10');
    expect(ar.gradeText(10, 5)).toBe('\u206610/5\u2069');
    expect(stripBidi(ar.gradeText(10, 5))).toBe('10/5');
    expect(ltr(3)).toBe('\u20663\u2069');
  });

  it('shows dates in the locale, in the school zone, without bidi marks', () => {
    // 23:30 UTC on 6 June is 00:30 on 7 June in Casablanca (UTC+1 outside Ramadan).
    const iso = '2026-06-06T23:30:00Z';
    expect(ar.date(iso)).toBe('07/06/2026');
    // fr-MA abbreviates juin as "jui." (juillet is "juil."), as CLDR does for Morocco.
    expect(fr.date(iso)).toBe('7 jui. 2026');
    expect(ar.dateTime(iso)).toMatch(/^07\/06\/2026،? 00:30$/);
    expect(ar.percent(0.4)).toBe('40%');
    expect(fr.percent(0.4)).toMatch(/^40\s%$/);
  });
});
