import { useEffect, useState } from 'react';
import { panelApi } from '../api';
import type { StoredIndicator } from '../../../src/domain/report';

/** The incident's indicators as the panel holds them: read when a tab needs them, once per version of the record. */
export interface Indicators {
  /** The list as of the incident's version shown; null while it is read. */
  list: StoredIndicator[] | null;
  error: string | null;
  retry: () => void;
  /** What an edit of the indicators answered: the list as of the record version it saved. */
  saved: (version: number, list: StoredIndicator[]) => void;
  /** Another of this viewer's saves moved the record from `from` to `to`; the indicators stay as they were. */
  carry: (from: number, to: number, count: number) => void;
}

/**
 * The panel's first render leaves the indicators out (they are the costliest part of an incident to read), so
 * they are read here when `wanted`: none to read when the incident has none. A list read at a newer version than
 * the one shown (someone saved meanwhile) is shown as it is; an edit from the older version gets CONFLICT and the
 * panel's usual reload, as every other save does.
 */
export function useIndicators(incident: { version: number; indicatorCount: number }, wanted: boolean): Indicators {
  const [cache, setCache] = useState<{ version: number; list: StoredIndicator[] } | null>(null);
  // An error belongs to the read that failed: a retry or a newer version reads again.
  const [failed, setFailed] = useState<{ version: number; attempt: number; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { version, indicatorCount } = incident;
  const list = cache && cache.version >= version ? cache.list : indicatorCount === 0 ? [] : null;
  const missing = list === null;
  useEffect(() => {
    if (!wanted || !missing) return;
    let live = true;
    void panelApi('indicators', {}).then((r) => {
      if (!live) return;
      if (!r.ok) return setFailed({ version, attempt, message: r.error.message });
      setCache({ version: r.data.version, list: r.data.indicators });
    });
    return () => {
      live = false;
    };
  }, [wanted, missing, version, attempt]);
  return {
    list,
    error: missing && failed?.version === version && failed.attempt === attempt ? failed.message : null,
    retry: () => setAttempt((n) => n + 1),
    saved: (v, next) => setCache({ version: v, list: next }),
    carry: (from, to, count) => setCache((c) => (c && c.version === from && c.list.length === count ? { version: to, list: c.list } : c)),
  };
}
