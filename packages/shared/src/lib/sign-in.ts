import type { SignInPicture } from '../schemas/sync';

/**
 * The exact text a learner's picture code or PIN is hashed from, on the server (node:crypto) and on
 * the tablet (WebCrypto): pictures by their English name in order, joined by '-' ("sun-fish-boat");
 * a PIN as its four digits. Both sides hash the UTF-8 of this string, so changing it is a protocol
 * change: every stored hash would stop matching.
 */
export function signInSecretText(secret: readonly SignInPicture[] | string): string {
  return typeof secret === 'string' ? secret : secret.join('-');
}

/** An enrolment code as people read and type it: XXXX-XXXX. */
export function formatEnrolmentCode(code: string): string {
  const bare = code.replace(/[\s-]/g, '').toUpperCase();
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}
