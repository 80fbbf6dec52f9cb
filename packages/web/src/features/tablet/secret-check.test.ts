import { type SecretHash, signInSecretText } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { checkSecret, sameBytes } from './secret-check';

// The web tsconfig has no Node types (the app runs in browsers); this test runs in Node and reaches
// node:crypto through a typed dynamic import, the module the server hashes with.
type NodeBytes = Uint8Array & { toString(encoding?: 'base64'): string };
interface NodeCrypto {
  randomBytes(n: number): NodeBytes;
  pbkdf2Sync(secret: string, salt: Uint8Array, iter: number, len: number, digest: 'sha256'): NodeBytes;
}
const nodeCryptoName = 'node:crypto';
const { pbkdf2Sync, randomBytes } = (await import(/* @vite-ignore */ nodeCryptoName)) as NodeCrypto;

// The server hashes with node:crypto; the tablet checks with WebCrypto. These must agree byte for byte.
function hashLikeServer(secret: string, iter = 1000): SecretHash {
  const salt = randomBytes(16);
  return {
    alg: 'pbkdf2-sha256',
    iter,
    salt: salt.toString('base64'),
    hash: pbkdf2Sync(secret, salt, iter, 32, 'sha256').toString('base64'),
  };
}

describe('checking a picture code or PIN on the tablet', () => {
  it('accepts the picture code the server hashed, in order, and nothing else', async () => {
    const stored = hashLikeServer(signInSecretText(['sun', 'fish', 'boat']));
    expect(await checkSecret(signInSecretText(['sun', 'fish', 'boat']), stored)).toBe(true);
    expect(await checkSecret(signInSecretText(['fish', 'sun', 'boat']), stored)).toBe(false);
    expect(await checkSecret(signInSecretText(['sun', 'fish', 'moon']), stored)).toBe(false);
  });

  it('accepts the right PIN and refuses a neighbour', async () => {
    const stored = hashLikeServer('0427', 5000);
    expect(await checkSecret('0427', stored)).toBe(true);
    expect(await checkSecret('0428', stored)).toBe(false);
    expect(await checkSecret('427', stored)).toBe(false);
  });

  it('refuses everything against a damaged row instead of throwing', async () => {
    const stored = { ...hashLikeServer('1234'), salt: '%%% not base64 %%%' };
    expect(await checkSecret('1234', stored)).toBe(false);
  });

  it('compares bytes of different lengths as different', () => {
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
  });
});
