import { useEffect, useState } from 'react';
import type { Result } from '../../../src/contract/envelope';
import type { HistoryPage } from '../../../src/contract/audit';

type Entry = HistoryPage['entries'][number];

/**
 * A trail read a page at a time, newest first: its entries so far, the names of their actors, and `more` for
 * the next (older) page. `auto` reads the first page on mount; otherwise the first `more()` does.
 */
export function useHistoryPages(load: (cursor?: string) => Promise<Result<HistoryPage>>, o: { auto?: boolean } = {}) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const [busy, setBusy] = useState(o.auto === true);
  const [error, setError] = useState<string | null>(null);

  const apply = (r: Result<HistoryPage>, from?: string) => {
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setEntries((prev) => [...(from ? (prev ?? []) : []), ...r.data.entries]);
    setNames((prev) => ({ ...prev, ...r.data.names }));
    setCursor(r.data.cursor);
  };
  const more = async (from?: string) => {
    setBusy(true);
    apply(await load(from), from);
  };
  useEffect(() => {
    if (!o.auto) return;
    let live = true;
    void load().then((r) => live && apply(r));
    return () => {
      live = false;
    };
    // The first page is read once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { entries, names, cursor, busy, error, more };
}
