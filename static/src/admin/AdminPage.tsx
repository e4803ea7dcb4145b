import { useEffect, useState } from 'react';
import { adminApi } from '../api';
import type { ViewContext } from '../boot';
import type { AdminLoadSchema, SettingsView } from '../../../src/contract/admin';
import type { AppEntry } from '../../../src/domain/inventory';
import type * as v from 'valibot';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';
import { History } from '../ui/History';
import { toLocalInput, type Locale } from '../ui/format';
import { PartnersSection } from './PartnersSection';
import { ImportCadenceSection, IrStaffSection, RemindersSection } from './SiteSections';
import { TransferSection } from './TransferSection';
import { IncidentTicketsSection } from './IncidentTicketsSection';
import { StorageAuditSection } from './StorageAuditSection';
import { SiteSection } from './SiteSection';

const ACTIONS = { 'settings.save': 'saved the settings', 'settings.import': 'imported settings from a file', 'settings.repair': 'repaired the settings', 'settings.upgrade': 'moved the previous version’s partner to the directory' };
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

type AdminLoad = v.InferOutput<typeof AdminLoadSchema>;

export function AdminPage({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => adminApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading settings…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return <SettingsPage key={state.data.serverNow} initial={state.data} ctx={ctx} reload={reload} />;
}

// The directory's pages read for its apps; a site with more partners than this shows the first ones' apps.
const DIRECTORY_PAGES = 50;

/** The apps the storage audit-log archive can be imported and browsed for: every partner's, page by page. */
function useDirectoryApps(version: number) {
  const [apps, setApps] = useState<AppEntry[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const all: AppEntry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < DIRECTORY_PAGES; page++) {
        const r = await adminApi('exportPage', cursor ? { cursor } : {});
        if (!live || !r.ok) return;
        all.push(...r.data.partners.flatMap((p) => p.apps));
        // Each page shows as it arrives, so the first partners' apps need not wait for the last.
        setApps([...all]);
        cursor = r.data.cursor;
        if (!cursor) return;
      }
    })();
    return () => {
      live = false;
    };
  }, [version]);
  return apps;
}

/** The settings page: sections that each save themselves (each one's own Save, flag and inline errors). */
function SettingsPage({ initial, ctx, reload }: { initial: AdminLoad; ctx: ViewContext; reload: () => void }) {
  const today = toLocalInput(new Date().toISOString(), ctx.timeZone).slice(0, 10);
  const [saved, setSaved] = useState<SettingsView>(initial);
  const [generation, setGeneration] = useState(0);
  const apps = useDirectoryApps(generation);
  const l: Locale = ctx;
  return (
    <main className="module settings">
      <h1 className="sr-only">Partner Incident Response settings</h1>
      <ViewerBadge viewer={initial.viewer} />
      <datalist id="time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {saved.repair && (
        <div className="status status-incomplete" role="alert" data-testid="settings-repair">
          <strong>Settings need repair.</strong> {saved.repair.message}
        </div>
      )}
      <PartnersSection first={initial.partners} previous={saved.previousVersionPartner} today={today} l={l} />
      <section aria-labelledby="roles-section-h">
        <h2 id="roles-section-h" className="sr-only">
          IR staff
        </h2>
        <IrStaffSection key={`roles-${saved.version}`} saved={saved} onSaved={setSaved} />
      </section>
      <IncidentTicketsSection key={`tickets-${saved.version}`} saved={saved} onSaved={setSaved} />
      <RemindersSection key={`rem-${saved.version}`} saved={saved} onSaved={setSaved} />
      <StorageAuditSection apps={apps} l={l} />
      <ImportCadenceSection key={`cad-${saved.version}`} saved={saved} onSaved={setSaved} />
      <SiteSection l={l} />
      <TransferSection
        saved={saved}
        onImported={(view) => {
          setSaved(view);
          setGeneration((g) => g + 1);
          reload();
        }}
      />
      <section aria-labelledby="history-h">
        <h2 id="history-h">Settings history</h2>
        <History load={(cursor) => adminApi('history', cursor ? { cursor } : {})} verify={(cursor) => adminApi('verifyHistory', cursor ? { cursor } : {}, { quotaRetries: 0 })} l={l} actionLabels={ACTIONS} />
      </section>
    </main>
  );
}
