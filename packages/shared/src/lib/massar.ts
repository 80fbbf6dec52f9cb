/** Massar-style student code: one capital letter and nine digits (DESIGN.md). */
export const MASSAR_CODE = /^[A-Z]\d{9}$/;

export function isMassarCode(code: string): boolean {
  return MASSAR_CODE.test(code);
}
