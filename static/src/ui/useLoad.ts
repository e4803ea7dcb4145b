import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../src/contract/envelope';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

/** Runs a load on mount; `reload` runs it again; `replace` swaps in fresh data (after a save). */
export function useLoad<T>(load: () => Promise<Result<T>>): [LoadState<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (live) setState(r.ok ? { status: 'ready', data: r.data } : { status: 'error', message: r.error.message });
    });
    return () => {
      live = false;
    };
    // The load function is fixed for a view; re-running is driven by `attempt`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return [state, reload, (data: T) => setState({ status: 'ready', data })];
}
