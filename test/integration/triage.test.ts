import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { ACME_APP_ID } from '../support/fixtures';

interface TriageView {
  inputs: { support: { partnerTier: string; framework: string; enterpriseTrustSignal: boolean }; override: { reason: string } | null };
  saved: boolean;
  outcome: { decision: string; collaboration: string; dataScope: string; channels: string[]; overridden: boolean; assessment: { reasons: string[] } };
  phases: { phase: string; reason?: string }[];
}
interface View {
  version: number;
  triage: TriageView;
}
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

const triage = (over: Record<string, unknown> = {}) => ({
  notify: { triggers: ['app-compromised'], exclusions: [], bugBountyCriticalHighImpact: false },
  support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: false, securityEventConfirmed: true, severity: 'high' },
  override: null,
  ...over,
});

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
});

describe('triage', () => {
  it('assesses a confirmed event for a Platinum partner as joint with full telemetry and the war room', async () => {
    const r = await panel<View>('ir-analyst', 'saveTriage', { version: 0, triage: triage() });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data?.triage.outcome).toMatchObject({ decision: 'notify', collaboration: 'joint', dataScope: 'full-platform-telemetry', overridden: false });
    expect(r.data?.triage.outcome.channels).toContain('live-war-room');
    const connect = await panel<View>('ir-analyst', 'saveTriage', { version: 1, triage: triage({ support: { ...triage().support, framework: 'connect' } }) });
    expect(connect.data?.triage.outcome.dataScope).toBe('platform-level-only');
  });

  it('does not let partners change triage, the override, channels or the phase', async () => {
    const start = await digest();
    for (const [fn, payload] of [
      ['saveTriage', { version: 0, triage: triage() }],
      ['saveChannel', { version: 0, channel: 'email', reference: 'x', setUpAt: '' }],
      ['movePhase', { version: 0, phase: 'triage' }],
    ] as const) {
      expect((await panel('partner-acme', fn, payload)).error?.code, fn).toBe('FORBIDDEN');
    }
    expect(await digest()).toBe(start);
  });

  it('requires a reason for an override, records it in the trail, and keeps it from partners', async () => {
    const start = await digest();
    const noReason = await panel('ir-analyst', 'saveTriage', { version: 0, triage: triage({ override: { collaboration: 'async', dataScope: 'platform-level-only', reason: ' ' } }) });
    expect(noReason.error?.fields?.['triage.override.reason']).toMatch(/reason/i);
    const badEnum = await panel('ir-analyst', 'saveTriage', { version: 0, triage: triage({ support: { ...triage().support, severity: 'apocalyptic' } }) });
    expect(badEnum.error?.fields?.['triage.support.severity']).toBeDefined();
    expect(await digest()).toBe(start);

    const why = 'Partner is under a separate legal review';
    const r = await panel<View>('ir-analyst', 'saveTriage', { version: 0, triage: triage({ override: { collaboration: 'async', dataScope: 'platform-level-only', reason: why } }) });
    expect(r.data?.triage.outcome).toMatchObject({ collaboration: 'async', dataScope: 'platform-level-only', overridden: true });
    const history = await panel<{ entries: { action: string; note?: string }[] }>('ir-analyst', 'history');
    expect(history.data?.entries[0]).toMatchObject({ action: 'triage.save', note: why });
    for (const fn of ['load', 'history']) {
      const seen = await panel('partner-acme', fn);
      expect(seen.ok).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(why);
    }
    const partnerView = await panel<{ incident: View }>('partner-acme', 'load');
    expect(partnerView.data?.incident.triage.outcome.collaboration).toBe('async');
  });

  it('offers the live war room only for high-severity events', async () => {
    await panel('ir-analyst', 'saveTriage', { version: 0, triage: triage({ support: { ...triage().support, severity: 'medium' } }) });
    const r = await panel('ir-analyst', 'saveChannel', { version: 1, channel: 'live-war-room', reference: 'https://zoom.example/j/1', setUpAt: '' });
    expect(r.error?.fields?.channel).toMatch(/high-severity/);
    const ok = await panel<View & { triage: { channels: Record<string, { reference: string }> } }>('ir-analyst', 'saveChannel', { version: 1, channel: 'real-time-chat', reference: '#inc-sec-1', setUpAt: '2026-11-18T10:00:00Z' });
    expect(ok.data?.triage.channels['real-time-chat']?.reference).toBe('#inc-sec-1');
  });

  it('moves the phase forward freely and backwards only with a reason', async () => {
    expect((await panel<View>('ir-analyst', 'movePhase', { version: 0, phase: 'triage' })).ok).toBe(true);
    expect((await panel<View>('ir-analyst', 'movePhase', { version: 1, phase: 'containment' })).ok).toBe(true);
    const back = await panel('ir-analyst', 'movePhase', { version: 2, phase: 'investigation' });
    expect(back.error?.code).toBe('INVALID_INPUT');
    expect(back.error?.fields?.reason).toMatch(/needs a reason/);
    const withReason = await panel<View>('ir-analyst', 'movePhase', { version: 2, phase: 'investigation', reason: 'New exfiltration path found' });
    expect(withReason.data?.triage.phases.map((p) => p.phase)).toEqual(['triage', 'containment', 'investigation']);
  });

  it('prefills the triage inputs from the partner profile and the app inventory', async () => {
    // Acme's first save makes SEC-1 Acme's: its tier and its inventory's entry for the app prefill triage.
    await panel('partner-acme', 'saveReport', { version: 0, report: { app: { appId: ACME_APP_ID } } });
    const r = await panel<{ incident: View }>('ir-analyst', 'load');
    expect(r.data?.incident.triage.saved).toBe(false);
    expect(r.data?.incident.triage.inputs.support).toMatchObject({ partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: true });
  });
});
