import { verifyChain } from '../domain/audit-trail';
import { auditRepo } from '../adapters/kvs/audit-repo';
import { directory } from '../adapters/jira/directory';
import type { ChainHead } from '../adapters/kvs/versioned-store';
import type { HistoryPage } from '../contract/audit';
import { people } from './actors';

export const HISTORY_PAGE_SIZE = 20;

/** One page of a trail, newest first, with the people's names resolved in one bulk call (the timers are no person). */
export async function historyPage(stream: string, cursor: string | undefined): Promise<HistoryPage> {
  const page = await auditRepo.page(stream, { limit: HISTORY_PAGE_SIZE, cursor });
  const names = await directory.displayNames(people(page.entries.map((e) => e.actor)));
  return page.cursor ? { entries: page.entries, names, cursor: page.cursor } : { entries: page.entries, names };
}

/** Re-reads a whole trail and checks every link and the record's head; reports the first broken link. */
export async function verifyTrail(stream: string, head: ChainHead) {
  return verifyChain(await auditRepo.all(stream), head);
}
