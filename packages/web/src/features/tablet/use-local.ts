import { useEffect, useState } from 'preact/hooks';
import { type LocalChange, onLocalChange } from '../../tablet/local-db';

/**
 * Reads from the tablet's local database, again whenever `deps` change or the sync worker announces
 * one of `refreshOn` (new rows pulled, events acknowledged).
 */
export function useLocal<T>(
  load: () => Promise<T>,
  deps: unknown[],
  refreshOn: LocalChange[] = [],
): { data: T | undefined; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (refreshOn.length === 0) return;
    return onLocalChange((what) => {
      if (refreshOn.includes(what)) setTick((n) => n + 1);
    });
  }, []);
  useEffect(() => {
    let live = true;
    load()
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => live && setState((s) => ({ ...s, error, loading: false })));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return state;
}
