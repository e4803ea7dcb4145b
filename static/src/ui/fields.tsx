import { useId, useState, type ReactNode } from 'react';
import { fromLocalInput, toLocalInput, type Locale } from './format';

/** Field errors keyed by dotted path, as the server's INVALID_INPUT and the client-side check both report them. */
export type Errors = Record<string, string>;

interface FieldProps {
  label: string;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  children: (a: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}

/** A label, the control, and its help or error text, wired for screen readers. */
export function Field({ label, error, help, required, children }: FieldProps) {
  const id = useId();
  const msgId = `${id}-msg`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {children({ id, describedBy: error || help ? msgId : undefined, invalid: !!error })}
      {error ? (
        <p id={msgId} className="field-error" data-testid="field-error">
          {error}
        </p>
      ) : (
        help && (
          <p id={msgId} className="field-help">
            {help}
          </p>
        )
      )}
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  type?: 'text' | 'search' | 'email' | 'tel' | 'datetime-local' | 'date' | 'number';
  name?: string;
  placeholder?: string;
  list?: string;
  readOnly?: boolean;
  multiline?: boolean;
  maxLength?: number;
}

export function TextField({ label, value, onChange, error, help, required, type = 'text', name, placeholder, list, readOnly, multiline, maxLength }: TextProps) {
  return (
    <Field label={label} error={error} help={help} required={required}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea id={id} name={name} value={value} readOnly={readOnly} rows={4} maxLength={maxLength} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            value={value}
            list={list}
            readOnly={readOnly}
            placeholder={placeholder}
            maxLength={maxLength}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            aria-required={required}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: T | '';
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  onChange: (value: T | '') => void;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  name?: string;
  disabled?: boolean;
  /** Offer an empty choice ("Not known yet"). */
  emptyLabel?: string;
}

export function SelectField<T extends string>({ label, value, options, labels, onChange, error, help, required, name, disabled, emptyLabel }: SelectProps<T>) {
  return (
    <Field label={label} error={error} help={help} required={required}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={name} value={value} disabled={disabled} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as T | '')}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {labels?.[o] ?? o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, name, disabled }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; name?: string; disabled?: boolean }) {
  return (
    <label className="checkbox">
      <input type="checkbox" name={name} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/**
 * Errors under a path prefix, with the prefix removed: scopes a form's errors to one of its parts. An error on
 * the prefix itself (a rule about the whole part, such as "no duplicates") comes back as '(list)'.
 */
export function within(errors: Errors, prefix: string): Errors {
  const out: Errors = {};
  const p = `${prefix}.`;
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(p)) out[k.slice(p.length)] = v;
    else if (k === prefix) out['(list)'] = v;
  }
  return out;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/** Reads "YYYY-MM-DD HH:mm" as wall time in a time zone: the ISO instant, '' for blank, null when it is no real time. */
export function parseDateTime(text: string, timeZone: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = DATE_TIME.exec(t);
  if (!m) return null;
  const [, , mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const iso = fromLocalInput(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`, timeZone);
  // A day the month does not have (2026-02-30) rolls over; refuse it rather than guess.
  return toLocalInput(iso, timeZone) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` ? iso : null;
}

/** The text a date-time control shows, kept in step with its value; a readable edit is handed on as an ISO instant. */
function useDateTimeText(value: string, onChange: (iso: string) => void, l: Locale) {
  const shown = toLocalInput(value, l.timeZone).replace('T', ' ');
  const [text, setText] = useState(shown);
  const [last, setLast] = useState(value);
  if (value !== last) {
    // Changed from outside (a reset after saving, a prefill): show the new value.
    setLast(value);
    setText(shown);
  }
  const edit = (next: string) => {
    setText(next);
    const iso = parseDateTime(next, l.timeZone);
    if (iso !== null) {
      setLast(iso);
      onChange(iso);
    }
  };
  return { text, edit };
}

/**
 * One date-time control that is a single Tab stop (the browser's datetime-local takes seven): typed as
 * "YYYY-MM-DD HH:mm" in the viewer's time zone, handed on as an ISO instant ('' when blank).
 */
export function DateTimeField({ label, value, onChange, error, help, required, readOnly, l }: { label: string; value: string; onChange: (iso: string) => void; error?: string; help?: ReactNode; required?: boolean; readOnly?: boolean; l: Locale }) {
  const { text, edit } = useDateTimeText(value, onChange, l);
  const unreadable = parseDateTime(text, l.timeZone) === null;
  return (
    <Field label={label} error={error ?? (unreadable ? 'Use YYYY-MM-DD HH:mm, e.g. 2026-03-01 14:30' : undefined)} help={help ?? `YYYY-MM-DD HH:mm, your time zone (${l.timeZone})`} required={required}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD HH:mm"
          value={text}
          readOnly={readOnly}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          aria-required={required}
          onChange={(e) => edit(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The same single-Tab-stop date-time control without a visible label (in a table cell: `label` names it). */
export function DateTimeInput({ label, value, onChange, l }: { label: string; value: string; onChange: (iso: string) => void; l: Locale }) {
  const { text, edit } = useDateTimeText(value, onChange, l);
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="YYYY-MM-DD HH:mm"
      aria-label={`${label} (YYYY-MM-DD HH:mm, ${l.timeZone})`}
      aria-invalid={parseDateTime(text, l.timeZone) === null}
      value={text}
      onChange={(e) => edit(e.target.value)}
    />
  );
}

/** A read view of one value: label and text, no control (people who cannot edit read, they do not tab through). */
export function ReadField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field read-field">
      <span className="label">{label}</span>
      <span className="read-value">{children === '' || children === null || children === undefined ? <span className="empty">Not given</span> : children}</span>
    </div>
  );
}
