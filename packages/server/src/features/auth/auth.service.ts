import { randomBytes } from 'node:crypto';
import type { Locale, Me } from '@lawh/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { nowIso } from '../../lib/time';
import { hashToken } from '../../plugins/auth';
import { authRepository as repo } from './auth.repository';
import { verifyPassword } from './passwords';

export const SESSION_DAYS = 14;
// Five wrong passwords lock an account name for fifteen minutes, whether or not it exists.
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong username or password');

export function authService(db: Kysely<DB>) {
  return {
    /** Returns a new session token for the cookie, or throws the same error whatever was wrong. */
    async login(username: string, password: string): Promise<{ token: string }> {
      const key = `user:${username.toLowerCase()}`;
      const now = Date.now();
      const throttle = await repo.getThrottle(db, key);
      const inWindow = throttle && now - Date.parse(throttle.windowStartedAt) < WINDOW_MS;
      if (inWindow && throttle.failures >= MAX_FAILURES) {
        throw new AppError(429, 'too_many_attempts', 'Too many attempts; wait 15 minutes and try again');
      }
      const user = await repo.findLoginUser(db, username);
      if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !user) {
        await repo.putThrottle(db, {
          key,
          failures: inWindow ? throttle.failures + 1 : 1,
          windowStartedAt: inWindow ? throttle.windowStartedAt : new Date(now).toISOString(),
        });
        throw invalidCredentials();
      }
      await repo.clearThrottle(db, key);
      const token = randomBytes(32).toString('base64url');
      await repo.insertSession(db, {
        tokenHash: hashToken(token),
        userId: user.id,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: nowIso(),
        expiresAt: new Date(now + SESSION_DAYS * 86_400_000).toISOString(),
      });
      await repo.deleteExpiredSessions(db, nowIso());
      return { token };
    },

    logout: (token: string) => repo.deleteSession(db, hashToken(token)),

    async me(userId: string, csrfToken: string): Promise<Me> {
      const u = await repo.findMe(db, userId);
      return {
        id: u.id,
        role: u.role,
        username: u.username ?? '',
        displayName: `${u.givenName} ${u.familyName}`,
        schoolId: u.schoolId,
        locale: u.locale,
        csrfToken,
      };
    },

    setLocale: (userId: string, locale: Locale) => repo.setLocale(db, userId, locale, nowIso()),
  };
}
