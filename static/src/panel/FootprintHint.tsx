import { useState } from 'react';
import { panelApi } from '../api';
import { formatDay, formatNumber, type Locale } from '../ui/format';

type Answer = { from: string; to: string; sites: { siteId: string; versions: string[] }[]; archiveOverdue: boolean };

/** Offers the storage audit-log archive's count of sites with the app installed during the incident window. */
export function FootprintHint({ onUse, l }: { onUse: (n: number) => void; l: Locale }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | string>('idle');
  async function ask() {
    setState('loading');
    const r = await panelApi('footprint', {});
    if (!r.ok) return setState(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
    setAnswer(r.data);
    setState('idle');
  }
  if (!answer) {
    return (
      <div>
        <button type="button" className="btn" onClick={() => void ask()} disabled={state === 'loading'}>
          {state === 'loading' ? 'Counting sites…' : 'Count affected sites from the storage audit logs'}
        </button>
        {state !== 'idle' && state !== 'loading' && <p className="field-error">{state}</p>}
      </div>
    );
  }
  const versions = [...new Set(answer.sites.flatMap((s) => s.versions))];
  return (
    <div className="banner" data-testid="footprint">
      <p>
        {formatNumber(answer.sites.length, l)} site{answer.sites.length === 1 ? '' : 's'} had the app installed from {formatDay(answer.from, l)} to {formatDay(answer.to, l)} (saved app and timestamps)
        {versions.length > 0 && `, versions ${versions.join(', ')}`}.
        {answer.archiveOverdue && ' The archive is due for an import, so recent installs may be missing.'}
      </p>
      <button type="button" className="btn" onClick={() => onUse(answer.sites.length)}>
        Use {formatNumber(answer.sites.length, l)} as the estimate
      </button>
    </div>
  );
}
