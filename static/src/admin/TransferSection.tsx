import { useRef } from 'react';
import { exportSettings, type Settings } from '../../../src/domain/settings';

/** Export the saved settings as a JSON file, or import one (validated as a whole on the server). */
export function TransferSection({ saved, onImport, busy }: { saved: Settings; onImport: (text: string) => void; busy: boolean }) {
  const file = useRef<HTMLInputElement>(null);
  function download() {
    const blob = new Blob([exportSettings(saved, new Date())], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'incident-response-settings.json';
    a.click();
    URL.revokeObjectURL(a.href);
  }
  return (
    <section aria-labelledby="transfer-h">
      <h2 id="transfer-h">Export and import</h2>
      <p className="subtle">Importing replaces every setting with the file's, after checking the whole file. Nothing changes if any part is invalid.</p>
      <div className="row">
        <button type="button" className="btn" onClick={download}>
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
