// The in-process pub/sub behind GET /api/sync/v1/live and the pull-time dirty check. One server
// process is enough for a school hub or a single central instance; several stateless instances
// would relay pokes through PostgreSQL LISTEN/NOTIFY (docs/adr/0006-sync-change-log.md) and rely
// on the time-bounded refresh meanwhile.

interface Listener {
  scopes: ReadonlySet<string>;
  poke: () => void;
}

const listeners = new Set<Listener>();
/** Scopes written since they were last projected: the next pull projects them again at once. */
const dirty = new Set<string>();

/** Tells live tablets holding any of these scopes to pull now, without marking them dirty. */
export function notifyScopes(scopes: Iterable<string>): void {
  const changed = new Set(scopes);
  if (changed.size === 0) return;
  for (const l of listeners)
    for (const s of l.scopes)
      if (changed.has(s)) {
        l.poke();
        break;
      }
}

/**
 * Call after any write that changes what tablets should hold (a new or withdrawn assignment, a roster
 * or sign-in change): the scopes are projected again at the next pull and live tablets pull now.
 * Poke `school:<id>` when the set of classes, learners or content of a school changes: every tablet
 * of the school then pulls and the server works out its new scopes.
 */
export function pokeScopes(scopes: Iterable<string>): void {
  const list = [...scopes];
  for (const s of list) dirty.add(s);
  notifyScopes(list);
}

export function isDirty(scope: string): boolean {
  return dirty.has(scope);
}

/** Called just before a scope is projected: a poke during the projection marks it again. */
export function clearDirty(scopes: Iterable<string>): void {
  for (const s of scopes) dirty.delete(s);
}

export function subscribe(scopes: ReadonlySet<string>, poke: () => void): () => void {
  const l: Listener = { scopes, poke };
  listeners.add(l);
  return () => listeners.delete(l);
}
