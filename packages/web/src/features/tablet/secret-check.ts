import type { SecretHash } from '@lawh/shared';

// Offline check of a learner's picture code or PIN against the salted hash the server sent down.
// A convenience on a trusted device (DESIGN.md, trust model), not strong authentication.

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compares every byte whatever the first difference, so timing says nothing about where it is. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** PBKDF2-SHA-256 of the secret's UTF-8 bytes with the stored salt and iterations, compared with the stored hash. */
export async function checkSecret(
  secret: string,
  stored: SecretHash,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<boolean> {
  if (stored.alg !== 'pbkdf2-sha256') return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    return false; // damaged row: nobody can sign in with it, which the teacher fixes by a reset
  }
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: stored.iter },
    key,
    expected.length * 8,
  );
  return sameBytes(new Uint8Array(bits), expected);
}
