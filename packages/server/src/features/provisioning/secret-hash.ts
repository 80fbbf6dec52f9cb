import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { SecretHash } from '@lawh/shared';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Iterations for a picture code or PIN. These hashes travel to the tablets, so they only slow down
 * guessing from a stolen tablet's storage; with 1,320 picture codes or 10,000 PINs they cannot stop
 * it. They are a convenience on a trusted device (DESIGN.md, trust model). 20,000 keeps the check
 * on a low-end tablet's WebCrypto around a tenth of a second.
 */
export const SIGN_IN_PBKDF2_ITERATIONS = 20_000;

/** PBKDF2-SHA-256 over the UTF-8 of `text` (see signInSecretText) with a fresh 16-byte salt. */
export async function hashSignInSecret(
  text: string,
  iter = SIGN_IN_PBKDF2_ITERATIONS,
  salt: Buffer = randomBytes(16),
): Promise<SecretHash> {
  const hash = await pbkdf2Async(Buffer.from(text, 'utf8'), salt, iter, 32, 'sha256');
  return { alg: 'pbkdf2-sha256', iter, salt: salt.toString('base64'), hash: hash.toString('base64') };
}
