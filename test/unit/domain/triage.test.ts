import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { checkPhaseMove, defaultTriage, TriageSchema, triageOutcome, type Triage } from '../../../src/domain/triage';

const base: Triage = {
  notify: { triggers: [], exclusions: [], bugBountyCriticalHighImpact: false },
  support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: false, securityEventConfirmed: true, severity: 'medium' },
  override: null,
};

describe('triageOutcome', () => {
  it('follows the assessment when there is no override', () => {
    const o = triageOutcome(base);
    expect(o).toMatchObject({ decision: 'when-in-doubt-report', collaboration: 'joint', dataScope: 'full-platform-telemetry', overridden: false });
    expect(o.channels).not.toContain('live-war-room');
    expect(o.visibility.label).toMatch(/Forge/);
  });

  it('applies an override, with the channels of the overriding level and the war room only for high severity', () => {
    const down = triageOutcome({ ...base, override: { collaboration: 'async', dataScope: 'platform-level-only', reason: 'x' } });
    expect(down).toMatchObject({ collaboration: 'async', dataScope: 'platform-level-only', overridden: true, channels: ['support-ticket', 'email'] });
    expect(down.assessment.collaboration).toBe('joint');
    const up = triageOutcome({ ...base, support: { ...base.support, partnerTier: 'other', severity: 'critical' }, override: { collaboration: 'joint', dataScope: 'full-platform-telemetry', reason: 'x' } });
    expect(up.channels).toContain('live-war-room');
  });

  it('notifies on any trigger', () => {
    expect(triageOutcome({ ...base, notify: { ...base.notify, triggers: ['active-exploitation'] } }).decision).toBe('notify');
  });
});

describe('TriageSchema', () => {
  it('requires a reason for an override and rejects unknown values', () => {
    const r = v.safeParse(TriageSchema, { ...base, override: { collaboration: 'joint', dataScope: 'none', reason: '   ' } });
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.path?.map((p) => p.key).join('.')).toBe('override.reason');
    expect(v.safeParse(TriageSchema, { ...base, support: { ...base.support, framework: 'electron' } }).success).toBe(false);
    expect(v.safeParse(TriageSchema, { ...base, notify: { ...base.notify, triggers: ['app-compromised', 'app-compromised'] } }).success).toBe(false);
  });

  it('defaults to nothing ticked and the settings prefill', () => {
    expect(defaultTriage({ partnerTier: 'platinum', framework: 'connect' }).support).toEqual({ partnerTier: 'platinum', framework: 'connect', enterpriseTrustSignal: false, securityEventConfirmed: false, severity: 'medium' });
  });
});

describe('checkPhaseMove', () => {
  const at = '2026-11-20T00:00:00.000Z';
  it('allows any first phase and forward moves, and needs a reason to go back', () => {
    expect(checkPhaseMove([], 'containment', '')).toEqual({ ok: true });
    const h = [{ phase: 'containment' as const, at, by: 'a' }];
    expect(checkPhaseMove(h, 'closed', '')).toEqual({ ok: true });
    expect(checkPhaseMove(h, 'triage', '').ok).toBe(false);
    expect(checkPhaseMove(h, 'triage', 'reopened: new evidence')).toEqual({ ok: true });
    expect(checkPhaseMove(h, 'containment', 'x').ok).toBe(false);
  });
});
