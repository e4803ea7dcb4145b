import { describe, it, expect } from 'vitest';
import {
  assessSupport,
  CHANNEL_INFO,
  CHANNELS,
  COLLABORATIONS,
  DATA_SCOPES,
  FRAMEWORKS,
  PARTNER_TIERS,
  SEVERITIES,
  type Channel,
  type Framework,
  type PartnerTier,
  type Severity,
  type SupportInput,
} from '../../../src/domain/eligibility';
import { FRAMEWORK_VISIBILITY, frameworkVisibility } from '../../../src/domain/framework-visibility';

// The value lists, typed out here so the exhaustive loop below does not trust the module's own.
const TIERS: PartnerTier[] = ['platinum', 'other'];
const FWS: Framework[] = ['forge', 'forge-remote', 'connect-on-forge', 'connect', 'server-dc'];
const SEVS: Severity[] = ['low', 'medium', 'high', 'critical'];
const BOOLS = [false, true];

function input(over: Partial<SupportInput> = {}): SupportInput {
  return {
    partnerTier: 'other',
    framework: 'forge',
    enterpriseTrustSignal: false,
    securityEventConfirmed: false,
    severity: 'low',
    ...over,
  };
}

const sorted = (cs: readonly Channel[]) => [...cs].sort();

describe('value lists', () => {
  it('hold exactly the values of each union', () => {
    expect([...PARTNER_TIERS]).toEqual(TIERS);
    expect([...FRAMEWORKS]).toEqual(FWS);
    expect([...SEVERITIES]).toEqual(SEVS);
    expect(sorted(CHANNELS)).toEqual(
      ['email', 'live-war-room', 'real-time-chat', 'secure-file-exchange', 'support-ticket'],
    );
    expect([...COLLABORATIONS].sort()).toEqual(['async', 'joint', 'out-of-scope']);
    expect([...DATA_SCOPES].sort()).toEqual(['full-platform-telemetry', 'none', 'platform-level-only']);
  });

  it("CHANNEL_INFO gives every channel the program's label and purpose", () => {
    expect(Object.keys(CHANNEL_INFO).sort()).toEqual(sorted(CHANNELS));
    expect(CHANNEL_INFO['support-ticket'].purpose).toMatch(/^System of record\./);
    expect(CHANNEL_INFO.email.purpose).toContain('when real-time channels are unavailable');
    expect(CHANNEL_INFO['real-time-chat'].purpose).toContain('Slack');
    expect(CHANNEL_INFO['live-war-room'].purpose).toContain('Zoom for high-severity events');
    expect(CHANNEL_INFO['secure-file-exchange'].purpose).toContain('secure Google Drive');
    expect(CHANNEL_INFO['live-war-room'].label).toBe('Live war room');
  });
});

describe('assessSupport: named cases', () => {
  it('Platinum partner, confirmed event, critical Forge app: joint, full telemetry, war room', () => {
    const a = assessSupport(input({ partnerTier: 'platinum', securityEventConfirmed: true, severity: 'critical' }));
    expect(a.collaboration).toBe('joint');
    expect(a.dataScope).toBe('full-platform-telemetry');
    expect(sorted(a.channels)).toEqual(sorted(CHANNELS));
    expect(a.reasons.join(' ')).toContain('Platinum partners');
  });

  it('Enterprise trust signal, confirmed, low severity: joint without the war room', () => {
    const a = assessSupport(input({ enterpriseTrustSignal: true, securityEventConfirmed: true, severity: 'low' }));
    expect(a.collaboration).toBe('joint');
    expect(sorted(a.channels)).toEqual(['email', 'real-time-chat', 'secure-file-exchange', 'support-ticket']);
    expect(a.reasons.join(' ')).toContain('trust signal');
  });

  it('the trust signal qualifies apps built on Forge (Forge, Forge Remote), not Connect ones, and the reasons say so', () => {
    for (const framework of ['forge', 'forge-remote'] as const) {
      const a = assessSupport(input({ framework, enterpriseTrustSignal: true, securityEventConfirmed: true }));
      expect(a.collaboration, framework).toBe('joint');
      expect(a.reasons.join(' '), framework).toContain('built on Forge (Forge or Forge Remote) with the new Marketplace trust signal');
    }
    for (const framework of ['connect-on-forge', 'connect'] as const) {
      const a = assessSupport(input({ framework, enterpriseTrustSignal: true, securityEventConfirmed: true, severity: 'critical' }));
      expect(a.collaboration, framework).toBe('async');
      expect(sorted(a.channels), framework).toEqual(['email', 'support-ticket']);
      expect(a.reasons.join(' '), framework).toContain('gives joint incident response only to apps built on Forge');
      expect(a.reasons.join(' '), framework).not.toContain('Enterprise Forge apps');
      // A Platinum partner's Connect app still qualifies, by tier.
      const platinum = assessSupport(input({ framework, partnerTier: 'platinum', enterpriseTrustSignal: true, securityEventConfirmed: true }));
      expect(platinum.collaboration, framework).toBe('joint');
      expect(platinum.reasons.join(' '), framework).toContain('Platinum partners');
      expect(platinum.reasons.join(' '), framework).not.toContain('trust signal');
    }
  });

  it('the war room starts at high, not medium', () => {
    const joint = { partnerTier: 'platinum', securityEventConfirmed: true } as const;
    expect(assessSupport(input({ ...joint, severity: 'medium' })).channels).not.toContain('live-war-room');
    expect(assessSupport(input({ ...joint, severity: 'high' })).channels).toContain('live-war-room');
  });

  it('Platinum partner but the event is not confirmed yet: async, and says why', () => {
    const a = assessSupport(input({ partnerTier: 'platinum', severity: 'critical' }));
    expect(a.collaboration).toBe('async');
    expect(sorted(a.channels)).toEqual(['email', 'support-ticket']);
    expect(a.reasons.join(' ')).toContain('confirmed security event');
  });

  it('non-Platinum partner without the trust signal, confirmed critical event: async only', () => {
    const a = assessSupport(input({ securityEventConfirmed: true, severity: 'critical' }));
    expect(a.collaboration).toBe('async');
    expect(sorted(a.channels)).toEqual(['email', 'support-ticket']);
    expect(a.reasons.join(' ')).toContain('async support via a developer support ticket and/or email');
  });

  it('Forge Remote, Connect on Forge and Connect: platform-level data only, and says why', () => {
    for (const framework of ['forge-remote', 'connect-on-forge', 'connect'] as const) {
      const a = assessSupport(input({ framework, partnerTier: 'platinum', securityEventConfirmed: true }));
      expect(a.collaboration, framework).toBe('joint');
      expect(a.dataScope, framework).toBe('platform-level-only');
      expect(a.reasons.join(' '), framework).toContain('limited to platform-level data');
    }
  });

  it('Server/DC is out of scope even for a Platinum partner with everything else in its favour', () => {
    const a = assessSupport({
      partnerTier: 'platinum',
      framework: 'server-dc',
      enterpriseTrustSignal: true,
      securityEventConfirmed: true,
      severity: 'critical',
    });
    expect(a).toEqual({
      collaboration: 'out-of-scope',
      dataScope: 'none',
      channels: [],
      reasons: [expect.stringContaining('customer-managed infrastructure')],
    });
  });
});

describe('assessSupport: every row of the eligibility table', () => {
  // The oracle: the contract's rules, restated plainly and independently of the module.
  function oracle(i: SupportInput) {
    if (i.framework === 'server-dc') return { collaboration: 'out-of-scope', dataScope: 'none', channels: [] as string[] };
    // The trust signal's joint response is for apps built on Forge only.
    const builtOnForge = i.framework === 'forge' || i.framework === 'forge-remote';
    const eligible = i.partnerTier === 'platinum' || (i.enterpriseTrustSignal === true && builtOnForge);
    const collaboration = i.securityEventConfirmed && eligible ? 'joint' : 'async';
    const dataScope = i.framework === 'forge' ? 'full-platform-telemetry' : 'platform-level-only';
    let channels: string[];
    if (collaboration === 'async') {
      channels = ['support-ticket', 'email'];
    } else {
      channels = ['support-ticket', 'email', 'real-time-chat', 'secure-file-exchange'];
      if (i.severity === 'high' || i.severity === 'critical') channels.push('live-war-room');
    }
    return { collaboration, dataScope, channels: channels.sort() };
  }

  const rows: SupportInput[] = [];
  for (const partnerTier of TIERS)
    for (const framework of FWS)
      for (const enterpriseTrustSignal of BOOLS)
        for (const securityEventConfirmed of BOOLS)
          for (const severity of SEVS)
            rows.push({ partnerTier, framework, enterpriseTrustSignal, securityEventConfirmed, severity });

  it('has all 160 combinations', () => {
    expect(rows).toHaveLength(2 * 5 * 2 * 2 * 4);
  });

  it.each(rows)('%o', (row) => {
    const a = assessSupport(row);
    expect({ collaboration: a.collaboration, dataScope: a.dataScope, channels: sorted(a.channels) }).toEqual(
      oracle(row),
    );
    expect(new Set(a.channels).size).toBe(a.channels.length);
    expect(a.reasons.length).toBeGreaterThan(0);
    for (const r of a.reasons) expect(r).toMatch(/^[A-Z].*\.$/);
  });

  it('does not change its input', () => {
    const row = input({ partnerTier: 'platinum', securityEventConfirmed: true });
    const copy = { ...row };
    assessSupport(row);
    expect(row).toEqual(copy);
  });
});

describe('frameworkVisibility', () => {
  it('covers every framework with a non-empty text, and a headline saying what Atlassian can see', () => {
    expect(Object.keys(FRAMEWORK_VISIBILITY).sort()).toEqual([...FWS].sort());
    for (const f of FWS) {
      const v = frameworkVisibility(f);
      expect(v.computeRuns.length, f).toBeGreaterThan(0);
      expect(v.atlassianVisibility.length, f).toBeGreaterThan(0);
      expect(v.headline, f).toMatch(/^Atlassian can see /);
    }
  });

  it("quotes the program's guidance for each framework", () => {
    expect(frameworkVisibility('forge').atlassianVisibility).toContain('Atlassian has comprehensive telemetry');
    expect(frameworkVisibility('forge').computeRuns).toContain("don't natively egress data");
    expect(frameworkVisibility('forge-remote').atlassianVisibility).toContain(
      'The remote compute itself is not visible to Atlassian',
    );
    expect(frameworkVisibility('connect').atlassianVisibility).toContain('product API calls and webhook event data');
    expect(frameworkVisibility('connect-on-forge')).toMatchObject({
      computeRuns: frameworkVisibility('connect').computeRuns,
      atlassianVisibility: frameworkVisibility('connect').atlassianVisibility,
    });
    expect(frameworkVisibility('server-dc').atlassianVisibility).toContain('Outside the scope of this program');
  });
});
