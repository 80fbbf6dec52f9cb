import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import { localDb } from '../../tablet/local-db';
import type { LocalDb } from '../../tablet/local-types';
import type { Learner } from './home-model';
import { anyMediaPlaying, isIdle } from './idle';

// The tablet's session: which local database, and which learner is signed in. The learner lives in
// this component's memory only: a reload, or "sign out", goes back to the list of learners.

export interface TabletSession {
  db: LocalDb;
  learner: Learner | null;
  signIn: (learner: Learner) => void;
  signOut: () => void;
}

const TabletCtx = createContext<TabletSession | null>(null);

export function useTablet(): TabletSession {
  const c = useContext(TabletCtx);
  if (!c) throw new Error('useTablet outside <TabletProvider>');
  return c;
}

/** The signed-in learner; pages that need one are wrapped in <RequireLearner>. */
export function useLearner(): Learner {
  const { learner } = useTablet();
  if (!learner) throw new Error('useLearner without a signed-in learner');
  return learner;
}

export function TabletProvider({ db = localDb, children }: { db?: LocalDb; children: ComponentChildren }) {
  const [learner, setLearner] = useState<Learner | null>(null);
  // A new key on every sign-in and sign-out remounts every screen below: no state survives a learner.
  const [generation, setGeneration] = useState(0);
  const session = useMemo<TabletSession>(
    () => ({
      db,
      learner,
      signIn: (l) => {
        setLearner(l);
        setGeneration((g) => g + 1);
        navigate('/tablet/home', { replace: true });
      },
      signOut: () => {
        setLearner(null);
        setGeneration((g) => g + 1);
        navigate('/tablet', { replace: true });
      },
    }),
    [db, learner],
  );
  useIdleSignOut(learner !== null, session.signOut);
  return (
    <TabletCtx.Provider value={session}>
      <div key={generation} class="tablet-screen">
        {children}
      </div>
    </TabletCtx.Provider>
  );
}

/** Signs the learner out after IDLE_SIGN_OUT_MS without a touch, a key or playing media. */
function useIdleSignOut(signedIn: boolean, signOut: () => void) {
  useEffect(() => {
    if (!signedIn) return;
    let last = Date.now();
    const touched = () => {
      last = Date.now();
    };
    const check = () => {
      if (anyMediaPlaying(document)) last = Date.now();
      else if (isIdle(last, Date.now(), false)) signOut();
    };
    const events = ['pointerdown', 'keydown', 'scroll'] as const;
    for (const e of events) window.addEventListener(e, touched, { passive: true, capture: true });
    // Timers sleep with the screen; coming back to the tablet checks at once.
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, 30_000);
    return () => {
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [signedIn, signOut]);
}

/** Renders its children only for a signed-in learner; otherwise back to the list of learners. */
export function RequireLearner({ children }: { children: ComponentChildren }) {
  const { learner } = useTablet();
  useEffect(() => {
    if (!learner) navigate('/tablet', { replace: true });
  }, [learner]);
  return learner ? children : null;
}
