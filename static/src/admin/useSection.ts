import { useCallback, useEffect, useState } from 'react';
import type { Errors } from '../ui/fields';
import { flag } from '../ui/flags';

// Sections that each save themselves tell the page whether they hold unsaved changes, so leaving the page
// (or opening another partner) can warn once for all of them.
const dirtySections = new Set<string>();
let listening = false;
function warnOnLeave(e: BeforeUnloadEvent) {
  if (dirtySections.size > 0) e.preventDefault();
}

export function useUnsavedGuard(id: string, dirty: boolean) {
  useEffect(() => {
    if (dirty) dirtySections.add(id);
    else dirtySections.delete(id);
    if (!listening) {
      window.addEventListener('beforeunload', warnOnLeave);
      listening = true;
    }
    return () => {
      dirtySections.delete(id);
    };
  }, [id, dirty]);
}

/** Whether any section holds unsaved changes (e.g. before switching to another partner). */
export const hasUnsavedChanges = () => dirtySections.size > 0;

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/** One section's save: busy state, inline errors from the server, a flag either way. */
export function useSave<T>(successTitle: string, fieldsFrom: (fields: Record<string, string>) => Errors) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [conflicted, setConflicted] = useState(false);
  const run = useCallback(
    async (call: () => Promise<Outcome<T>>, onSaved: (data: T) => void) => {
      setBusy(true);
      const r = await call();
      setBusy(false);
      if (r.ok) {
        setErrors({});
        setConflicted(false);
        onSaved(r.data);
        flag('success', successTitle);
        return;
      }
      setConflicted(r.error.code === 'CONFLICT');
      if (r.error.fields) {
        setErrors(fieldsFrom(r.error.fields));
        focusFirstInvalid();
      }
      flag(r.error.code === 'CONFLICT' ? 'warning' : 'error', r.error.code === 'INVALID_INPUT' ? 'Some fields need attention. Nothing was saved.' : r.error.message);
    },
    [successTitle, fieldsFrom],
  );
  const fail = useCallback((e: Errors) => {
    setErrors(e);
    focusFirstInvalid();
    flag('error', 'Some fields need attention. Nothing was saved.');
  }, []);
  return { busy, errors, conflicted, run, fail };
}
