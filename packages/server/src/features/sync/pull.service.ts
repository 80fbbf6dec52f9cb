import { CURSOR_EXPIRED, type PullResponse, SYNC_LIMITS, type SyncCursor } from '@lawh/shared';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { nowIso } from '../../lib/time';
import type { DeviceAuth } from '../../plugins/device-auth';
import { compact, materialise, readChanges, scopeStates } from './change-log';
import { clearDirty, isDirty, notifyScopes } from './live';
import { grantedScopes } from './scopes';
import { MIN_APP_VERSION, SYNC_CONFIG } from './sync.config';

export function pullService({ db, dialect }: Pick<Database, 'db' | 'dialect'>) {
  // One projection at a time per process: 200 tablets pulling one stale school project it once.
  let building: Promise<unknown> = Promise.resolve();

  /**
   * Projects the scopes that were poked, never projected, or not for refreshMs. Returns the scopes'
   * states when nothing needed projecting (the common pull), so the caller need not read them again.
   */
  async function refresh(scopes: string[]): Promise<Awaited<ReturnType<typeof scopeStates>> | null> {
    const staleIn = (states: Awaited<ReturnType<typeof scopeStates>>) => {
      const oldest = new Date(Date.now() - SYNC_CONFIG.refreshMs).toISOString();
      return scopes.filter((s) => {
        const st = states.get(s);
        return !st?.builtAt || isDirty(s) || st.builtAt <= oldest;
      });
    };
    const states = await scopeStates(db, dialect, scopes);
    if (staleIn(states).length === 0) return states;
    const run = building.then(async () => {
      const states = await scopeStates(db, dialect, scopes);
      const stale = staleIn(states);
      if (stale.length === 0) return;
      // Scopes only due by time were built before: their progress rows are logged by each push.
      const due = new Set(stale.filter((s) => states.get(s)?.builtAt && !isDirty(s)));
      const full = stale.filter((s) => !due.has(s));
      clearDirty(full);
      const at = nowIso();
      const changed = [
        ...(await materialise(db, dialect, full, at)),
        ...(await materialise(db, dialect, [...due], at, { progress: false })),
      ];
      if (changed.length) notifyScopes(changed);
    });
    building = run.catch(() => undefined);
    await run;
    return null;
  }

  return {
    /**
     * One page of changes for the tablet's scopes. The scopes come from the tablet's registration;
     * the request cursor only says how far the tablet got in each. Scopes it holds but may no longer
     * read are listed in removedScopes; a cursor below a scope's compaction horizon is a 410.
     */
    async pull(device: DeviceAuth, cursorIn: SyncCursor): Promise<PullResponse> {
      const granted = await grantedScopes(db, device);
      const grantedSet = new Set(granted);
      const removedScopes = Object.keys(cursorIn).filter((s) => !grantedSet.has(s));
      const states = (await refresh(granted)) ?? (await scopeStates(db, dialect, granted));
      const expired = granted.filter((s) => {
        const c = cursorIn[s] ?? 0;
        return c > 0 && c < (states.get(s)?.horizonSeq ?? 0);
      });
      if (expired.length)
        throw new AppError(
          410,
          CURSOR_EXPIRED,
          'Part of this tablet\u2019s data is too old to update; it starts those parts again',
          {
            scopes: expired,
          },
        );

      const cursor: SyncCursor = Object.fromEntries(granted.map((s) => [s, cursorIn[s] ?? 0]));
      const { changes, more } = await readChanges(
        db,
        dialect,
        cursor,
        SYNC_LIMITS.pullMaxRows,
        SYNC_LIMITS.pullMaxBytes,
      );
      for (const c of changes) cursor[c.scope] = c.seq;
      return { changes, cursor, hasMore: more, removedScopes, minAppVersion: MIN_APP_VERSION };
    },

    /** Drops superseded rows and tombstones older than the horizon; returns the rows dropped. */
    compact(horizonMs = SYNC_CONFIG.horizonMs): Promise<number> {
      return compact(db, dialect, new Date(Date.now() - horizonMs).toISOString());
    },
  };
}
