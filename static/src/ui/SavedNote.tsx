import { useEffect, useState } from 'react';
import { relativeTime } from './format';

/** Jira's inline save confirmation ("Saved · just now"), next to the controls, besides the flag. */
export function SavedNote({ saved }: { saved: { at: number; what: string } | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!saved) return;
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [saved]);
  return (
    <span className="saved-note" role="status" data-testid="saved-note">
      {saved && (
        <>
          <span className="saved-check" aria-hidden="true">
            ✓
          </span>{' '}
          Saved · {relativeTime(saved.at, Math.max(now, saved.at))}
          <span className="sr-only"> ({saved.what})</span>
        </>
      )}
    </span>
  );
}
