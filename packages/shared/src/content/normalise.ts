// Pure text helpers for grading. They run on the tablet and on the server, so they must give the
// same result in every JS engine: only String.prototype.normalize, regexes and plain maps.

// Bidi controls, zero-width joiners and the Arabic letter mark: Arabic keyboards insert them around
// digits and between letters, and they are invisible to the learner.
const INVISIBLE = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// After NFKD: Latin combining accents; Arabic tashkeel (U+064B–U+065F, which also holds the hamza
// and madda that NFKD splits off أ إ آ ؤ ئ); superscript alef U+0670; tatweel U+0640; Quranic
// annotation marks U+06D6–U+06ED that pasted text sometimes carries.
const MARKS = /[\u0300-\u036F\u064B-\u065F\u0670\u0640\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;

const LETTERS: Record<string, string> = {
  '\u0671': '\u0627', // ٱ alef wasla → ا (the other alef forms are split by NFKD)
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064A', // ى → ي
  '\u06CC': '\u064A', // Persian ی, which some Android keyboards produce for ي
};
const LETTER_RE = /[\u0671\u0629\u0649\u06CC]/g;

/**
 * Folds a short-text answer so that spelling variants a teacher would accept compare equal:
 * case, Latin accents, Arabic tashkeel and tatweel, alef/hamza/ya/ta-marbuta variants, presentation
 * forms (via NFKD), invisible marks and runs of whitespace.
 */
export function normaliseArabicText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(MARKS, '')
    .replace(LETTER_RE, (c) => LETTERS[c] ?? c)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// ٠-٩ (U+0660–U+0669) and ۰-۹ (U+06F0–U+06F9, Eastern/Persian) map to 0-9 by their low nibble.
const FOREIGN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;
const NUMBER_SHAPE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Reads a number as a learner types it: Western, Arabic-Indic or Eastern Arabic-Indic digits;
 * point, comma or the Arabic decimal separator ٫; an optional leading minus (ASCII or U+2212);
 * surrounding spaces. No thousands separators (a comma is always decimal) and no exponents.
 * Returns null for anything else.
 */
export function parseNumber(text: string): number | null {
  if (typeof text !== 'string' || text.length > 100) return null;
  const s = text
    .replace(INVISIBLE, '')
    .trim()
    .replace(FOREIGN_DIGIT, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/^\u2212/, '-')
    .replace(/[,\u066B]/, '.');
  if (!NUMBER_SHAPE.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
