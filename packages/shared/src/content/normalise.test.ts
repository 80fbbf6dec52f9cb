import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeAnswer } from './grading';
import { normaliseArabicText, parseNumber } from './normalise';
import { itemOf, thousandths, word } from './quiz-arbitraries';

const DIGITS = {
  western: '0123456789',
  arabicIndic: '٠١٢٣٤٥٦٧٨٩',
  eastern: '۰۱۲۳۴۵۶۷۸۹',
};

/** Writes an integer number of thousandths the way a learner might type it. */
const written = fc
  .record({
    digits: fc.constantFrom(...Object.values(DIGITS)),
    separator: fc.constantFrom('.', ',', '٫'),
    minus: fc.constantFrom('-', '\u2212'),
    pad: fc.constantFrom('', ' ', '  '),
    trimZeros: fc.boolean(),
  })
  .map((style) => (thousandthsValue: number) => {
    const abs = Math.abs(thousandthsValue);
    let fraction = String(abs % 1000).padStart(3, '0');
    if (style.trimZeros) fraction = fraction.replace(/0+$/, '');
    const plain = `${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ''}`;
    const localised = [...plain].map((c) => (c === '.' ? style.separator : style.digits[Number(c)])).join('');
    return `${style.pad}${thousandthsValue < 0 ? style.minus : ''}${localised}${style.pad}`;
  });

describe('parseNumber', () => {
  it('reads back any decimal written in Western, Arabic-Indic or Eastern digits with any separator', () => {
    fc.assert(
      fc.property(thousandths, written, (v, write) => {
        expect(parseNumber(write(v))).toBeCloseTo(v / 1000, 9);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['٠٫٥', 0.5],
    ['۱۲', 12],
    ['-0,25', -0.25],
    ['\u2212٣', -3],
    ['.5', 0.5],
    ['+7', 7],
    ['\u200E42\u200E', 42],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', ' ', 'abc', '1,000.5', '1 000', '1e3', '--2', '3.14.1', '١٬٠٠٠', 'Infinity', '9'.repeat(400)])(
    'refuses %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});

describe('numeric items', () => {
  const withinAndBeyond = itemOf('numeric').chain((it) => {
    const a = Math.round(it.answer * 1000);
    const t = Math.round(it.tolerance * 1000);
    return fc.tuple(
      fc.constant(it),
      fc.integer({ min: a - t, max: a + t }),
      fc.oneof(
        fc.integer({ min: a + t + 1, max: a + t + 10_000 }),
        fc.integer({ min: a - t - 10_000, max: a - t - 1 }),
      ),
      written,
    );
  });

  it('any value within the tolerance is correct, however it is written; any value beyond is not', () => {
    fc.assert(
      fc.property(withinAndBeyond, ([it, inside, outside, write]) => {
        expect(gradeAnswer(it, { type: 'numeric', text: write(inside) }).correct).toBe(true);
        expect(gradeAnswer(it, { type: 'numeric', text: write(outside) }).correct).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

const TASHKEEL = [...'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640'];
const VARIANTS: Record<string, string[]> = {
  ا: ['ا', 'أ', 'إ', 'آ', 'ٱ'],
  ه: ['ه', 'ة'],
  ي: ['ي', 'ى', 'ئ'],
  و: ['و', 'ؤ'],
};

/** The same word as a learner might type it: diacritics, tatweel, hamza and ya/ta variants, case. */
const spellingOf = (s: string) =>
  fc
    .tuple(
      fc.tuple(
        ...[...s].map((c) =>
          fc.tuple(
            fc.constantFrom(...(VARIANTS[c] ?? [c, c.toUpperCase()])),
            fc.array(fc.constantFrom(...TASHKEEL), { maxLength: 2 }),
          ),
        ),
      ),
      fc.constantFrom('', ' ', '\u00A0'),
    )
    .map(([letters, pad]) => `${pad}${letters.map(([c, marks]) => c + marks.join('')).join('')}${pad}`);

describe('short-text items', () => {
  it('an accepted answer still matches with random tashkeel, tatweel and alef/hamza/ya/ta variants', () => {
    const variant = itemOf('shortText').chain((it) =>
      fc.constantFrom(...it.accepted).chain((a) => fc.tuple(fc.constant(it), spellingOf(a))),
    );
    fc.assert(
      fc.property(variant, ([it, typed]) => {
        expect(gradeAnswer(it, { type: 'shortText', text: typed }).correct).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a different word does not match', () => {
    fc.assert(
      fc.property(itemOf('shortText'), word, (it, other) => {
        fc.pre(!it.accepted.some((a) => normaliseArabicText(a) === normaliseArabicText(other)));
        expect(gradeAnswer(it, { type: 'shortText', text: other }).correct).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['إِسْلَامٌ', 'اسلام'],
    ['ٱلْقُرْآن', 'القران'],
    ['مستشفى', 'مستشفي'],
    ['مسؤول', 'مسوول'],
    ['رئيس', 'رييس'],
    ['ﻻ', 'لا'],
    ['  Élève   Studieux ', 'eleve studieux'],
    ['ⵜⴰⵎⴰⵣⵉⵖⵜ', 'ⵜⴰⵎⴰⵣⵉⵖⵜ'],
  ])('%j folds to %j', (input, folded) => {
    expect(normaliseArabicText(input)).toBe(folded);
  });

  it('letters that change a word stay distinct', () => {
    expect(normaliseArabicText('قلب')).not.toBe(normaliseArabicText('كلب'));
    expect(normaliseArabicText('سَلَام')).not.toBe(normaliseArabicText('سلم'));
  });
});
