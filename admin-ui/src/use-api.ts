// Loads a GET route into component state; `reload()` fetches again (after an action, on a live event).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.js';

export function useApi<T>(path: string | null): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const latest = useRef(path);
  latest.current = path;
  const load = useCallback(() => {
    if (!path) return;
    api<T>('GET', path).then(
      (d) => {
        if (latest.current === path) {
          setData(d);
          setError(undefined);
        }
      },
      (e: Error) => latest.current === path && setError(e.message),
    );
  }, [path]);
  useEffect(load, [load]);
  return { data, error, reload: load };
}
