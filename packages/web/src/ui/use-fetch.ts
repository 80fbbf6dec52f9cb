import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../lib/api';

/** GETs `url` (null waits) and re-fetches when it changes; `reload` fetches again. */
export function useFetch<T>(url: string | null): {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
} {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(url)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: ApiError) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((n) => n + 1), []) };
}
