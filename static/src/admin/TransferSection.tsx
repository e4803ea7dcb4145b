import { useRef } from 'react';
import { exportSettings, type Settings } from '../../../src/domain/settings';
import { download } from '../ui/download';

/** Export the saved settings as a JSON file, or import one (validated as a whole on the server). */
export function TransferSection({ saved, onImport, busy }: { saved: Settings; onImport: (text: string) => void; busy: boolean }) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="transfer-h">
      <h2 id="transfer-h">Export and import</h2>
      <p className="subtle">Importing replaces every setting with the file's, after checking the whole file. Nothing changes if any part is invalid.</p>
      <div className="row">
        <button type="button" className="btn" onClick={() => download('incident-response-settings.json', exportSettings(saved, new Date()), 'application/json')}>
          Export settings
        </button>
        <label className="btn" htmlFor="import-file">
          {busy ? 'Importing…' : 'Import settings…'}
        </label>
        <input
          ref={file}
          id="import-file"
          className="sr-only"
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            onImport(await f.text());
            if (file.current) file.current.value = '';
          }}
        />
      </div>
    </section>
  );
}
