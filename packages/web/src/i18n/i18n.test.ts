import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues, translator } from './all';
import { intlLocale } from './index';
import { en } from './messages/en';

const keys = Object.keys(en).sort();

// A value for every argument a message uses: numbers where it counts or formats, text elsewhere.
type Ast = ReturnType<IntlMessageFormat['getAst']>;
function sampleValues(ast: Ast, into: Record<string, string | number> = {}): Record<string, string | number> {
  for (const el of ast as Array<{ type: number; value?: string; options?: Record<string, { value: Ast }> }>) {
    // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (intl-messageformat's TYPE enum)
    if (el.value && [1, 2, 3, 4, 5, 6].includes(el.type))
      into[el.value] ??= [2, 6].includes(el.type) ? 3 : el.type === 3 || el.type === 4 ? 0 : 'x';
    for (const opt of Object.values(el.options ?? {})) sampleValues(opt.value, into);
  }
  return into;
}

describe('message catalogues', () => {
  for (const [locale, messages] of Object.entries(catalogues)) {
    it(`${locale} has every key and no extra one`, () => {
      expect(Object.keys(messages).sort()).toEqual(keys);
    });
    it(`${locale} messages all parse and format`, () => {
      for (const [key, msg] of Object.entries(messages)) {
        const fmt = new IntlMessageFormat(msg, locale);
        expect(() => fmt.format(sampleValues(fmt.getAst())), key).not.toThrow();
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

  it('the translator gives what intl-messageformat gives, plain messages included', () => {
    for (const [locale, messages] of Object.entries(catalogues) as [keyof typeof catalogues, typeof en][]) {
      const t = translator(locale);
      for (const [key, msg] of Object.entries(messages) as [keyof typeof en, string][]) {
        const fmt = new IntlMessageFormat(msg, intlLocale[locale]);
        const values = sampleValues(fmt.getAst());
        expect(t(key, values), `${locale} ${key}`).toBe(String(fmt.format(values)));
      }
    }
  });

  it('Arabic uses Latin digits and keeps numbers intact', () => {
    const msg = new IntlMessageFormat(catalogues.ar['common.results'], 'ar-MA');
    expect(msg.format({ count: 11 })).toContain('11');
    expect(msg.format({ count: 2 })).toBe('نتيجتان');
  });
});
