// A shared tablet is often put down with a learner still signed in; the next child must not land in
// their work. After this long with no touch, key or playing media, the learner is signed out.
export const IDLE_SIGN_OUT_MS = 15 * 60_000;

export function isIdle(lastActivity: number, now: number, mediaPlaying: boolean): boolean {
  return !mediaPlaying && now - lastActivity >= IDLE_SIGN_OUT_MS;
}

/** Whether a lesson video or sound is playing: watching is activity even without touching. */
export function anyMediaPlaying(doc: Document): boolean {
  for (const m of doc.querySelectorAll<HTMLMediaElement>('audio, video'))
    if (!m.paused && !m.ended) return true;
  return false;
}
