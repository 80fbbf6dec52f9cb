// A few wrong tries, then a short wait: enough to stop a sibling guessing by tapping through the
// 1,320 picture codes, short enough that a child who slipped is not locked out of the lesson.

export const FREE_TRIES = 3;
export const COOL_DOWN_MS = 30_000;

export interface GuardState {
  failures: number;
  /** Epoch ms until which no try is accepted. */
  until: number;
}

export const freshGuard: GuardState = { failures: 0, until: 0 };

/** Milliseconds left to wait before the next try (0 when a try is allowed). */
export function waitLeft(s: GuardState, now: number): number {
  return Math.max(0, s.until - now);
}

/** After a wrong try: every FREE_TRIES-th failure starts a cool-down, doubling each time up to 5 minutes. */
export function afterFailure(s: GuardState, now: number): GuardState {
  const failures = s.failures + 1;
  if (failures % FREE_TRIES !== 0) return { failures, until: s.until };
  const rounds = failures / FREE_TRIES;
  const wait = Math.min(COOL_DOWN_MS * 2 ** (rounds - 1), 5 * 60_000);
  return { failures, until: now + wait };
}

/** Guards live in memory per learner, so going back to the list does not reset the count. */
const guards = new Map<string, GuardState>();
export const guardOf = (learnerId: string) => guards.get(learnerId) ?? freshGuard;
export const setGuard = (learnerId: string, s: GuardState) => {
  if (s.failures === 0) guards.delete(learnerId);
  else guards.set(learnerId, s);
};
