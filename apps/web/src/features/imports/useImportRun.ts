import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import type { ImportRun } from '../../api/types';
import { isAbort } from '../../ui/useAsyncData';
import { getImport } from './api';
import { isTerminal } from './progress';

export const pollIntervalMs = 500;
const maxConsecutiveFailures = 5;

/**
 * Follows one import run: fetches it every 500 ms until its status is completed,
 * rejected or failed. Short network hiccups are retried before an error is shown.
 */
export function useImportRun(id: string | null, initial: ImportRun | null = null) {
  const [run, setRun] = useState<ImportRun | null>(initial && initial.id === id ? initial : null);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    setError(undefined);
    if (!id) {
      setRun(null);
      return;
    }
    setRun((current) => (current && current.id === id ? current : null));
    const controller = new AbortController();
    let timer: number | undefined;
    let failures = 0;

    const tick = async () => {
      try {
        const next = await getImport(id, controller.signal);
        if (controller.signal.aborted) return;
        failures = 0;
        setRun(next);
        if (!isTerminal(next.status)) timer = window.setTimeout(() => void tick(), pollIntervalMs);
      } catch (err) {
        if (controller.signal.aborted || isAbort(err)) return;
        failures += 1;
        const clientError = isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 429;
        if (clientError || failures >= maxConsecutiveFailures) setError(err);
        else timer = window.setTimeout(() => void tick(), pollIntervalMs * 2 ** failures);
      }
    };
    void tick();
    return () => {
      controller.abort();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [id]);

  return { run, error, done: run ? isTerminal(run.status) : false };
}
