import type { Viewer } from '../contract/common';
import type { Call } from './session';

/** Who is asking and with which role: the small answer every module's first load carries. */
export async function viewerOf(call: Call): Promise<Viewer> {
  const me = await call.session.myself();
  return { accountId: call.session.accountId, displayName: me.displayName, role: call.role };
}
