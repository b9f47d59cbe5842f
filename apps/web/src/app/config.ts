import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { AppConfigResponse } from '../api/types';

let pending: Promise<AppConfigResponse> | null = null;

/** `/api/v1/config`, fetched once per page load. A failure is not cached. */
export function loadAppConfig(): Promise<AppConfigResponse> {
  if (!pending) {
    pending = api.get<AppConfigResponse>('/api/v1/config').catch((error: unknown) => {
      pending = null;
      throw error;
    });
  }
  return pending;
}

export type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: AppConfigResponse }
  | { status: 'error'; error: unknown };

export function useAppConfig(): ConfigState {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  useEffect(() => {
    let active = true;
    loadAppConfig().then(
      (config) => active && setState({ status: 'ready', config }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, []);
  return state;
}
