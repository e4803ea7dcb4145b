import { useRef, useState } from 'react';
import { adminApi } from '../api';
import type { SettingsView } from '../../../src/contract/admin';
import { exportSettings } from '../../../src/domain/settings-file';
import type { Partner } from '../../../src/domain/partner';
import { download } from '../ui/download';
import { flag } from '../ui/flags';

type Imported = SettingsView & { partnersWritten: number; fileVersion: number };

/**
 * Export the site settings and the whole directory as one JSON file (read page by page), or import one, of
 * this version or the previous one (validated as a whole on the server; nothing changes if any part is invalid).
 */
export function TransferSection({ saved, onImported }: { saved: SettingsView; onImported: (v: Imported) => void }) {
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  async function exportAll() {
    setBusy('export');
    const partners: Partner[] = [];
    let cursor: string | undefined;
    do {
      const r = await adminApi('exportPage', cursor ? { cursor } : {});
      if (!r.ok) {
        setBusy(null);
        return flag('error', r.error.message);
      }
      partners.push(...(r.data.partners as Partner[]));
      cursor = r.data.cursor;
    } while (cursor);
    setBusy(null);
    download('incident-response-settings.json', exportSettings(saved.settings, partners, new Date()), 'application/json');
  }

  async function importText(text: string) {
    setBusy('import');
    const r = await adminApi('importSettings', { version: saved.version, text });
    setBusy(null);
    if (r.ok) {
      setProblems({});
      flag('success', 'Settings imported', `${r.data.partnersWritten} partner${r.data.partnersWritten === 1 ? '' : 's'} written${r.data.fileVersion === 1 ? ' from a file of the previous version' : ''}.`);
      return onImported(r.data);
    }
    setProblems(r.error.fields ?? {});
    flag(r.error.code === 'CONFLICT' ? 'warning' : 'error', r.error.message);
  }

  return (
    <section aria-labelledby="transfer-h" data-testid="section-transfer">
      <h2 id="transfer-h">Import and export</h2>
      <p className="subtle">The file holds the site settings and every partner. Importing checks the whole file first; partners in the file are created or replaced, others stay. Files of the previous version import too.</p>
      <div className="row">
        <button type="button" className="btn" onClick={() => void exportAll()} disabled={busy !== null} data-testid="export-settings">
          {busy === 'export' ? 'Exporting…' : 'Export settings'}
        </button>
        <label className="btn" htmlFor="import-file">
          {busy === 'import' ? 'Importing…' : 'Import settings…'}
        </label>
        <input
          ref={file}
          id="import-file"
          className="sr-only"
          type="file"
          accept="application/json,.json"
          disabled={busy !== null}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            await importText(await f.text());
            if (file.current) file.current.value = '';
          }}
        />
      </div>
      {Object.keys(problems).length > 0 && (
        <div className="problems" role="alert" data-testid="import-errors">
          <p>The file was not imported:</p>
          <ul>
            {Object.entries(problems).map(([k, msg]) => (
              <li key={k}>
                <code>{k}</code>: {msg}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
