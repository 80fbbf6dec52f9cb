import { pbkdf2Sync } from 'node:crypto';
import { SIGN_IN_PICTURES, secretHash, signInSecretText } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { hashSignInSecret } from './secret-hash';

/** What the tablet computes: WebCrypto PBKDF2 over the same text, salt and iterations. */
async function webCryptoHash(text: string, saltB64: string, iter: number): Promise<string> {
  const { subtle } = globalThis.crypto;
  const key = await subtle.importKey('raw', new TextEncoder().encode(text), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from(saltB64, 'base64'), iterations: iter },
    key,
    256,
  );
  return Buffer.from(bits).toString('base64');
}

describe('learner sign-in secrets', () => {
  it('a picture code is its pictures in order joined by "-", a PIN its digits', () => {
    expect(signInSecretText(['sun', 'fish', 'boat'])).toBe('sun-fish-boat');
    expect(signInSecretText(['boat', 'fish', 'sun'])).not.toBe(signInSecretText(['sun', 'fish', 'boat']));
    expect(signInSecretText('0472')).toBe('0472');
  });

  it("the server's hash is the one the tablet's WebCrypto computes, so the tablet accepts the right code", async () => {
    for (const text of [signInSecretText(['camel', 'star', 'apple']), signInSecretText('0472')]) {
      const stored = await hashSignInSecret(text);
      expect(secretHash.parse(stored)).toEqual(stored);
      expect(await webCryptoHash(text, stored.salt, stored.iter)).toBe(stored.hash);
      // A different code does not match.
      expect(await webCryptoHash(`${text}x`, stored.salt, stored.iter)).not.toBe(stored.hash);
    }
  });

  it('the same code gets a different salt and hash each time it is set', async () => {
    const text = signInSecretText([SIGN_IN_PICTURES[0], SIGN_IN_PICTURES[1], SIGN_IN_PICTURES[2]]);
    const [a, b] = [await hashSignInSecret(text), await hashSignInSecret(text)];
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    const again = pbkdf2Sync(text, Buffer.from(a.salt, 'base64'), a.iter, 32, 'sha256').toString('base64');
    expect(again).toBe(a.hash);
  });
});
