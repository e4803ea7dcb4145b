import type { Role } from '../contract/common';
import { permissions } from '../adapters/jira/permissions';
import { settingsRepo } from '../adapters/kvs/settings-repo';
import { forbidden } from './errors';

/** What the platform tells us about a call. Only these trusted fields are ever used to authorize. */
export interface TrustedCall {
  accountId: string | undefined;
  moduleKey: string;
  issue?: { id: string; key: string };
  now: Date;
}

const memo = <T>(load: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};

/** One invocation's view of the caller: each Jira or KVS answer is fetched at most once. */
export class Session {
  readonly settings = memo(() => settingsRepo.load());
  readonly myself = memo(() => permissions.myself());
  readonly issuePermissions = memo(() => (this.call.issue ? permissions.onIssue(this.call.issue.id) : Promise.resolve({ browse: false, edit: false, comment: false })));
  readonly globalPermissions = memo(() => permissions.global());

  constructor(readonly call: TrustedCall) {}

  get accountId(): string {
    if (!this.call.accountId) throw forbidden('This function needs a signed-in user.');
    return this.call.accountId;
  }

  async isIrStaff(): Promise<boolean> {
    const [me, settings] = await Promise.all([this.myself(), this.settings()]);
    return me.groups.some((g) => settings.doc.roles.irGroups.includes(g));
  }
}

export type ModuleKind = 'panel' | 'global' | 'admin';

/** What a use case receives besides its validated input. */
export interface Call {
  session: Session;
  role: Role;
  now: Date;
  /** The app's own background work: its writes may use the record space kept back from users (versioned-store). */
  system?: true;
}

/**
 * The one authorization helper: the caller's role here, from Jira's answers (IR staff group, ADMINISTER,
 * browse permission on the issue). Throws FORBIDDEN when the caller has no role in this module.
 */
export async function roleIn(session: Session, kind: ModuleKind): Promise<Role> {
  if (!session.call.accountId) throw forbidden('This function needs a signed-in user.');
  if (kind === 'admin') {
    const { administer } = await session.globalPermissions();
    if (!administer) throw forbidden('Only Jira administrators can use the app settings.');
    return 'admin';
  }
  if (kind === 'panel') {
    const [perm, ir] = await Promise.all([session.issuePermissions(), session.isIrStaff()]);
    if (!perm.browse) throw forbidden("You don't have permission to see this issue.");
    return ir ? 'ir' : 'partner';
  }
  const [ir, global] = await Promise.all([session.isIrStaff(), session.globalPermissions()]);
  if (ir) return 'ir';
  if (!global.browseAny) throw forbidden("You don't have access to any incident tickets.");
  return 'partner';
}
