import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isApiError } from '../api/client';

export interface AsyncData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (value: T | undefined) => void;
}

export function isAbort(error: unknown): boolean {
  return (
    (isApiError(error) && error.code === 'CLIENT.ABORTED') ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

/**
 * Loads data when `deps` change, cancelling the previous request. `load` returning
 * `null` means "nothing to load" (e.g. no id yet).
 */
export function useAsyncData<T>(
  load: (signal: AbortSignal) => Promise<T> | null,
  deps: DependencyList,
): AsyncData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    const promise = loadRef.current(controller.signal);
    if (!promise) {
      setLoading(false);
      return () => controller.abort();
    }
    setLoading(true);
    setError(undefined);
    promise.then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
