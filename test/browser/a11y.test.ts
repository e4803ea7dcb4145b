import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { control, panel } from '../support/client';
import { openPanel, withBrowser } from '../support/browser';
import { configureSite } from '../support/directory';

const browser = withBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TABS = ['Overview', 'Report', 'Indicators', 'Triage', 'Log sharing', 'Activity'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the app's frame (evaluated through the debugging protocol, so the frame's CSP still applies to the app). */
async function axe(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE);
  return frame.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const r = await a.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
}

async function openTab(frame: Frame, name: string) {
  const tab = frame.getByRole('tab', { name: new RegExp(`^${name}`) });
  if ((await tab.count()) === 0) {
    await frame.getByTestId('tabs-more').click();
    await frame.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  } else await tab.click();
  await frame.locator('[role="tabpanel"]:not([hidden])').waitFor();
  await frame.waitForTimeout(300);
}

beforeAll(async () => {
  await configureSite();
  // Something on every tab: an outreach with its clock, a log request, a history.
  await control('/__local/clock', { now: '2026-11-24T09:00:00.000Z' });
  const v = (await panel<{ incident: { version: number } }>('ir-analyst', 'load')).data!.incident.version;
  await panel('ir-analyst', 'recordOutreach', { version: v, at: '2026-11-24T08:00:00.000Z', channel: 'email', message: 'Please acknowledge' });
});

describe('accessibility of every tab of the panel (axe-core, WCAG 2.2 AA)', () => {
  for (const as of ['ir-analyst', 'partner-acme'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no serious or critical violations for ${as} in ${theme}`, async () => {
        const { page, frame } = await openPanel(browser(), as, theme);
        const found: string[] = [];
        for (const name of TABS) {
          await openTab(frame, name);
          for (const v of await axe(frame)) {
            if (v.impact === 'serious' || v.impact === 'critical') found.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          }
        }
        expect(found).toEqual([]);
        await page.context().close();
      });
    }
  }
});

/** The visible tab panel's tabbable controls, in document order, each tagged so focus can be matched. */
async function tabbables(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    document.querySelectorAll('[data-kb]').forEach((el) => el.removeAttribute('data-kb'));
    const panelEl = document.querySelector('[role="tabpanel"]:not([hidden])')!;
    const all = [...panelEl.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[hidden], fieldset:disabled') && getComputedStyle(el).visibility !== 'hidden',
    );
    // A radio group is one Tab stop (arrow keys move within it): its checked radio, else its first.
    const stops = all.filter((el) => {
      if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
      const group = all.filter((x): x is HTMLInputElement => x instanceof HTMLInputElement && x.type === 'radio' && x.name === el.name);
      return group.some((x) => x.checked) ? el.checked : group[0] === el;
    });
    stops.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return stops.length;
  });
}

describe('the axe harness itself', () => {
  it('reports a planted violation, so a clean run means something', async () => {
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text" data-planted>'));
    expect((await axe(frame)).map((v) => `${v.id}:${v.impact}`)).toContain('label:critical');
    await page.context().close();
  });
});

describe('keyboard-only use of every tab', () => {
  for (const as of ['ir-analyst', 'partner-acme'] as const) {
    it(`reaches every tab with the arrow keys and every control in it with Tab, for ${as}`, async () => {
      const { page, frame } = await openPanel(browser(), as);
      await frame.getByRole('tab', { name: 'Overview' }).focus();
      for (let i = 0; i < TABS.length; i++) {
        if (i > 0) await page.keyboard.press('ArrowRight');
        const selected = frame.getByRole('tab', { selected: true });
        expect(await selected.innerText()).toMatch(new RegExp(`^${TABS[i]}`));
        expect(await frame.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
        await frame.waitForTimeout(300);
        const n = await tabbables(frame);
        const reached = new Set<string>();
        for (let k = 0; k < n + 3 && reached.size < n; k++) {
          await page.keyboard.press('Tab');
          const kb = await frame.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el) return null;
            // Every focused control shows where focus is.
            const s = getComputedStyle(el);
            return { kb: el.getAttribute('data-kb'), outline: s.outlineStyle !== 'none' || s.boxShadow !== 'none' || el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' };
          });
          if (kb?.kb) {
            reached.add(kb.kb);
            expect(kb.outline, `${TABS[i]}: control ${kb.kb} shows no focus`).toBe(true);
          }
        }
        const missed = await frame.evaluate((got) => [...document.querySelectorAll('[data-kb]')].filter((el) => !got.includes(el.getAttribute('data-kb')!)).map((el) => el.outerHTML.slice(0, 160)), [...reached]);
        expect(reached.size, `${TABS[i]}: ${n} controls, ${reached.size} reached by Tab; missed ${missed.join(' | ')}`).toBe(n);
        // Back to the tab list with Shift+Tab from the first control, to move on.
        await frame.getByRole('tab', { selected: true }).focus();
      }
      await page.context().close();
    });
  }

  it('lets a partner acknowledge from the Overview with the keyboard alone', async () => {
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Overview' }).focus();
    for (let k = 0; k < 10; k++) {
      await page.keyboard.press('Tab');
      if ((await frame.evaluate(() => document.activeElement?.textContent)) === 'Acknowledge') break;
    }
    await page.keyboard.press('Enter');
    await frame.getByTestId('sla').getByText(/^Acknowledged/).waitFor();
    await page.context().close();
  });
});
