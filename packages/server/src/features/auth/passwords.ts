import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with m=19 MiB, t=2, p=1: the OWASP baseline.
export const hashPassword = (password: string) => hash(password);

// A real hash to verify against when the account does not exist, so that the answer takes as long
// as for a wrong password and timing does not reveal which accounts exist.
let dummy: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('not-a-real-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
