import { FRAMEWORKS } from '../../../src/domain/eligibility';
import { APP_DISTRIBUTIONS, APP_ENVIRONMENTS, MAX_APPS, type AppEntry } from '../../../src/domain/inventory';
import { Checkbox, SelectField, TextField, type Errors, within } from '../ui/fields';

type App = AppEntry;

export const FRAMEWORK_LABELS: Record<App['framework'], string> = {
  forge: 'Forge',
  'forge-remote': 'Forge Remote',
  'connect-on-forge': 'Connect on Forge',
  connect: 'Connect',
  'server-dc': 'Server / Data Center',
};
export const TIER_LABELS = { platinum: 'Platinum', other: 'Other' } as const;

const newApp = (): App => ({ name: '', appKey: '', appId: '', framework: 'forge', enterpriseTrustSignal: false, environments: ['production'], distribution: 'public' });

function AppFields({ app, set, remove, errors, n }: { app: App; set: (a: App) => void; remove: () => void; errors: Errors; n: number }) {
  const toggleEnv = (env: App['environments'][number], on: boolean) =>
    set({ ...app, environments: on ? APP_ENVIRONMENTS.filter((e) => e === env || app.environments.includes(e)) : app.environments.filter((e) => e !== env) });
  return (
    <fieldset className="grid app" data-testid="app-entry">
      <legend>{app.name || `App ${n}`}</legend>
      <TextField label="App name" name={`apps.${n}.name`} value={app.name} onChange={(name) => set({ ...app, name })} error={errors.name} required />
      <TextField label="App key" name={`apps.${n}.appKey`} value={app.appKey} onChange={(appKey) => set({ ...app, appKey })} error={errors.appKey} required />
      <TextField label="Forge app ID" name={`apps.${n}.appId`} value={app.appId} onChange={(appId) => set({ ...app, appId })} error={errors.appId} required help="The UUID from the developer console" />
      <SelectField label="Framework" name={`apps.${n}.framework`} value={app.framework} options={FRAMEWORKS} labels={FRAMEWORK_LABELS} onChange={(framework) => framework && set({ ...app, framework })} error={errors.framework} />
      <SelectField label="Distribution" name={`apps.${n}.distribution`} value={app.distribution} options={APP_DISTRIBUTIONS} onChange={(distribution) => distribution && set({ ...app, distribution })} error={errors.distribution} />
      <div className="field">
        <span className="label">Environments</span>
        <div className="row">
          {APP_ENVIRONMENTS.map((env) => (
            <Checkbox key={env} label={env} checked={app.environments.includes(env)} onChange={(on) => toggleEnv(env, on)} />
          ))}
        </div>
        {errors.environments && <p className="field-error">{errors.environments}</p>}
      </div>
      <Checkbox label="Enterprise trust signal" checked={app.enterpriseTrustSignal} onChange={(enterpriseTrustSignal) => set({ ...app, enterpriseTrustSignal })} />
      <div>
        <button type="button" className="btn btn-subtle" onClick={remove}>
          Remove {app.name || 'this app'}
        </button>
      </div>
    </fieldset>
  );
}

export function AppsSection({ apps, set, errors }: { apps: App[]; set: (a: App[]) => void; errors: Errors }) {
  return (
    <section aria-labelledby="apps-h">
      <h3 id="apps-h">App inventory</h3>
      <p className="subtle">This partner&apos;s apps: they prefill its incident reports and triage, and bound its footprint and log requests. An app ID belongs to one partner only.</p>
      {apps.length === 0 && <p className="empty">No apps yet. Add the apps this program covers.</p>}
      {apps.map((app, i) => (
        <AppFields
          key={i}
          n={i + 1}
          app={app}
          errors={within(errors, String(i))}
          set={(a) => set(apps.map((x, j) => (j === i ? a : x)))}
          remove={() => set(apps.filter((_, j) => j !== i))}
        />
      ))}
      {errors['(list)'] && <p className="field-error">{errors['(list)']}</p>}
      <div>
        <button type="button" className="btn" onClick={() => set([...apps, newApp()])} disabled={apps.length >= MAX_APPS}>
          Add an app
        </button>
      </div>
    </section>
  );
}
