/**
 * Wraps text that goes into a translated sentence in a first-strong isolate (U+2068 … U+2069), so
 * that a name or a title like "2025-2026" keeps its own direction inside Arabic: without it, digits
 * after Arabic letters become Arabic numbers and "2025-2026" shows as "2026-2025".
 */
export const isolate = (s: string | number) => `\u2068${s}\u2069`;
