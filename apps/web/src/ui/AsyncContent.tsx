import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from './Status';
import type { AsyncData } from './useAsyncData';

interface Props<T> {
  state: AsyncData<T>;
  /** When it returns true for the loaded data, `emptyText` is shown instead of `children`. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/**
 * The usual three states of loaded data: the error (with a retry), a spinner until the
 * first answer, then the data itself or a muted "nothing here" line.
 */
export function AsyncContent<T>({ state, isEmpty, emptyText, children }: Props<T>) {
  const { data } = state;
  return (
    <>
      {state.error ? <ErrorMessage error={state.error} onRetry={state.reload} /> : null}
      {state.loading && data === undefined ? <Loading /> : null}
      {data === undefined ? null : isEmpty?.(data) ? <p className="muted">{emptyText}</p> : children(data)}
    </>
  );
}
