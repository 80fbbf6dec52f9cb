import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues } from './index';
import { en } from './messages/en';

const keys = Object.keys(en).sort();

describe('message catalogues', () => {
  for (const [locale, messages] of Object.entries(catalogues)) {
    it(`${locale} has every key and no extra one`, () => {
      expect(Object.keys(messages).sort()).toEqual(keys);
    });
    it(`${locale} messages all parse and format`, () => {
      for (const [key, msg] of Object.entries(messages)) {
        expect(
          () => new IntlMessageFormat(msg, locale).format({ count: 3, name: 'x', page: 1, pages: 2 }),
          key,
        ).not.toThrow();
      }
    });
  }

  it('every Arabic plural has all six CLDR forms', () => {
    const forms = new Intl.PluralRules('ar').resolvedOptions().pluralCategories;
    expect(forms.length).toBe(6);
    for (const [key, msg] of Object.entries(catalogues.ar)) {
      if (!msg.includes(', plural,')) continue;
      for (const form of forms) expect(msg, `${key} lacks "${form}"`).toMatch(new RegExp(`[ ,]${form} \\{`));
    }
  });

  it('Arabic uses Latin digits and keeps numbers intact', () => {
    const msg = new IntlMessageFormat(catalogues.ar['common.results'], 'ar-MA');
    expect(msg.format({ count: 11 })).toContain('11');
    expect(msg.format({ count: 2 })).toBe('نتيجتان');
  });
});
