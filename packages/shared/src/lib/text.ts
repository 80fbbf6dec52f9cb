// C0 controls except tab/newline/carriage return, DEL, and C1 controls. They break CSV exports,
// terminals and some Android WebViews, and no real name or note contains them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Lower-cased, accent-folded text for server-side search columns. */
export function searchKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064B-\u065F\u0670\u0640]/g, '') // Latin accents, Arabic tashkeel, tatweel
    .toLowerCase();
}
