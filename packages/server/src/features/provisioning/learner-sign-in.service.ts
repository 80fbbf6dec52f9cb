import { type LearnerSignInInput, type LearnerSignInStatus, signInSecretText } from '@lawh/shared';
import type { Kysely } from 'kysely';
import { type Auth, assertCanSetLearnerSignIn } from '../../auth/policy';
import type { DB } from '../../db/schema';
import { notFound } from '../../errors';
import { nowIso } from '../../lib/time';
import { learnersRepository } from '../people/learners.repository';
import { pokeScopes } from '../sync/live';
import { learnerScope } from '../sync/scopes';
import { learnerSignInRepository as repo } from './learner-sign-in.repository';
import { hashSignInSecret } from './secret-hash';

type Row = Awaited<ReturnType<typeof repo.find>>;

const toStatus = (row: Row): LearnerSignInStatus => ({
  pictureCode: !!row?.pictureCode,
  pin: !!row?.pin,
  updatedAt: row?.pictureCode || row?.pin ? (row?.updatedAt ?? null) : null,
});

/** The learner's sync row carries these hashes: tablets holding the learner pull them again. */
const announce = (learnerId: string) => pokeScopes([learnerScope(learnerId)]);

/**
 * A learner's picture code and PIN for the shared tablets. Only salted hashes are stored, and only
 * whether each is set ever leaves through this API; the hashes go to the learner's tablets by sync.
 */
export function learnerSignInService(db: Kysely<DB>) {
  /** The learner if this user may see them and set their secrets; else 404 or 403. */
  const learnerFor = async (auth: Auth, learnerId: string) => {
    const learner = await learnersRepository.find(db, auth, learnerId);
    if (!learner) throw notFound('Learner');
    assertCanSetLearnerSignIn(auth);
    return learner;
  };

  return {
    async status(auth: Auth, learnerId: string): Promise<LearnerSignInStatus> {
      await learnerFor(auth, learnerId);
      return toStatus(await repo.find(db, learnerId));
    },

    async set(auth: Auth, learnerId: string, input: LearnerSignInInput): Promise<LearnerSignInStatus> {
      await learnerFor(auth, learnerId);
      // PBKDF2 takes tens of milliseconds; the single upsert below is the only write.
      const secrets: { pictureCode?: string; pin?: string } = {};
      if (input.pictureCode)
        secrets.pictureCode = JSON.stringify(await hashSignInSecret(signInSecretText(input.pictureCode)));
      if (input.pin) secrets.pin = JSON.stringify(await hashSignInSecret(signInSecretText(input.pin)));
      await repo.upsert(db, learnerId, secrets, auth.userId, nowIso());
      announce(learnerId);
      return toStatus(await repo.find(db, learnerId));
    },

    async reset(auth: Auth, learnerId: string): Promise<LearnerSignInStatus> {
      await learnerFor(auth, learnerId);
      await repo.clear(db, learnerId, auth.userId, nowIso());
      announce(learnerId);
      return toStatus(await repo.find(db, learnerId));
    },
  };
}
