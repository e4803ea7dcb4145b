import { useId, type ReactNode } from 'react';

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
  type?: 'text' | 'email' | 'tel' | 'datetime-local' | 'date' | 'number';
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
