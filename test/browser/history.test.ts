import { describe, expect, it } from 'vitest';
import { control, setQuota } from '../support/client';
import { openPanel, withBrowser } from '../support/browser';
import { GENESIS_HASH, sealEntry, type AuditEntry } from '../../src/domain/audit-trail';

const browser = withBrowser();
const ENTRIES = 2_500;
const STREAM = 'incident-10001';

/** A trail longer than one verification call checks, as an older version of the app wrote it. */
async function plantTrail(): Promise<void> {
  let head = { seq: 0, hash: GENESIS_HASH };
  const items = [];
  for (let i = 0; i < ENTRIES; i++) {
    const entry: AuditEntry = sealEntry(head, { at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), actor: '712020:0b9e1c55-1d3a-4f0e-a8c2-5e6f7a8b9c02', action: 'report.save', changes: [{ path: 'summary.currentStatus', before: `${i}`, after: `${i + 1}` }] });
    head = { seq: entry.seq, hash: entry.hash };
    items.push({ key: `audit:${STREAM}:${String(entry.seq).padStart(10, '0')}`, entityName: 'audit-entry', value: { stream: STREAM, seq: entry.seq, entry } });
  }
  items.push({ key: '10001', entityName: 'incident', value: { issueId: '10001', issueKey: 'SEC-1', version: ENTRIES, doc: { issueKey: 'SEC-1' }, auditSeq: head.seq, auditHash: head.hash, updatedAt: '2026-01-02T17:39:00.000Z' } });
  for (let i = 0; i < items.length; i += 500) expect((await control('/__local/store/put', { items: items.slice(i, i + 500) })).status).toBe(200);
}

describe('the Activity tab\'s trail check', () => {
  it('verifies a long trail across calls when IR staff ask, and says it is intact', async () => {
    await plantTrail();
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByRole('tab', { name: 'Activity' }).click();
    await frame.getByTestId('history-entry').first().waitFor();
    // A page at a time, newest first: the next page follows the first.
    expect(await frame.getByTestId('history-entry').count()).toBe(20);
    await frame.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => frame.getByTestId('history-entry').count()).toBe(40);
    await frame.getByTestId('verify-history').click();
    await frame.getByTestId('verify-result').getByText(`All ${ENTRIES} entries are intact.`).waitFor({ timeout: 30_000 });
    await page.context().close();
  }, 60_000);

  it('waits for the next minute when the site\u2019s read quota is spent, and goes on to the end', async () => {
    await plantTrail();
    // 1,000 read units a 2-second window: checking 2,500 entries needs three windows.
    await setQuota({ readUnitsPerWindow: 1000, writeUnitsPerWindow: 4000, windowMs: 2000 });
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByRole('tab', { name: 'Activity' }).click();
    await frame.getByTestId('history-entry').first().waitFor();
    await frame.getByTestId('verify-history').click();
    await frame.getByTestId('verify-result').getByText(/storage quota for this minute is used up: continuing in/).waitFor({ timeout: 30_000 });
    await frame.getByTestId('verify-result').getByText(`All ${ENTRIES} entries are intact.`).waitFor({ timeout: 60_000 });
    await setQuota({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 });
    await page.context().close();
  }, 90_000);

  it('is not offered to partners', async () => {
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Activity' }).click();
    await frame.getByTestId('activity').waitFor();
    expect(await frame.getByTestId('verify-history').count()).toBe(0);
    await page.context().close();
  });
});
