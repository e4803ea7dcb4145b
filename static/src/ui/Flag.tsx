import { useEffect } from 'react';

export interface FlagMessage {
  kind: 'success' | 'error' | 'warning';
  text: string;
}

/** A Jira-style flag after an action; success flags dismiss themselves, problems stay until closed. */
export function Flag({ flag, onClose }: { flag: FlagMessage | null; onClose: () => void }) {
  useEffect(() => {
    if (flag?.kind !== 'success') return;
    const t = setTimeout(onClose, 5000);
    return () => clearTimeout(t);
  }, [flag, onClose]);
  if (!flag) return null;
  return (
    <div className={`flag flag-${flag.kind}`} role={flag.kind === 'success' ? 'status' : 'alert'} data-testid="flag">
      <span>{flag.text}</span>
      <button type="button" className="btn btn-subtle" onClick={onClose} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
