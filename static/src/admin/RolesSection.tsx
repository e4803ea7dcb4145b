import { useEffect, useState } from 'react';
import { adminApi } from '../api';
import type { Errors } from '../ui/fields';

/** Which Jira groups count as Atlassian IR staff, chosen from the site's own groups. */
export function RolesSection({ groups, set, errors }: { groups: string[]; set: (g: string[]) => void; errors: Errors }) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void adminApi('groups', { query }).then((r) => live && r.ok && setOptions(r.data.groups));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  const add = (name: string) => {
    const n = name.trim();
    if (n && !groups.includes(n)) set([...groups, n]);
    setQuery('');
  };
  return (
    <section aria-labelledby="roles-h">
      <h2 id="roles-h">IR staff</h2>
      <p className="subtle">Members of these Jira groups work incidents as Atlassian IR staff. A partner's people (its member groups, under Partners) see their own incidents; anyone else who can browse a ticket reads its shared fields only.</p>
      <ul className="tags" data-testid="ir-groups">
        {groups.map((g, i) => (
          <li key={g} className={errors[String(i)] ? 'tag tag-invalid' : 'tag'}>
            {g}
            <button type="button" className="btn btn-subtle" aria-label={`Remove ${g}`} onClick={() => set(groups.filter((x) => x !== g))}>
              ×
            </button>
            {errors[String(i)] && <span className="field-error">{errors[String(i)]}</span>}
          </li>
        ))}
      </ul>
      {errors['(list)'] && <p className="field-error">{errors['(list)']}</p>}
      <div className="row">
        <label htmlFor="group-search" className="sr-only">
          Add a group
        </label>
        <input
          id="group-search"
          list="group-options"
          placeholder="Find a group"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(query);
            }
          }}
        />
        <datalist id="group-options">
          {options.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <button type="button" className="btn" onClick={() => add(query)} disabled={!query.trim()}>
          Add group
        </button>
      </div>
    </section>
  );
}
