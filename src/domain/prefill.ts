// What the incident's partner already tells the panel: the report's contacts and app picker, and the
// triage's tier, framework and trust signal. An incident without a partner is prefilled with nothing.
import type { SupportInput } from './eligibility';
import { toReportContact, type ReportContact } from './contacts';
import { findPartnerApp, type Partner } from './partner';

export type SupportPrefill = Partial<Pick<SupportInput, 'partnerTier' | 'framework' | 'enterpriseTrustSignal'>>;

/** What the partner's tier and its inventory's entry for the report's app say about the triage inputs. */
export function supportPrefill(p: Pick<Partner, 'tier' | 'apps'> | null, appId: string | undefined): SupportPrefill {
  const prefill: SupportPrefill = {};
  if (!p) return prefill;
  prefill.partnerTier = p.tier;
  const app = appId ? findPartnerApp(p, appId) : undefined;
  if (app) {
    prefill.framework = app.framework;
    prefill.enterpriseTrustSignal = app.enterpriseTrustSignal;
  }
  return prefill;
}

/** The partner's contacts as the report asks for them (the report does not keep time zones or accounts). */
export function reportContactsOf(p: Pick<Partner, 'contacts'> | null): { primary: ReportContact; secondary: ReportContact } | null {
  if (!p?.contacts) return null;
  return { primary: toReportContact(p.contacts.primary), secondary: toReportContact(p.contacts.secondary) };
}

/** A contact a reminder addresses: mentioned when a Jira user, told times in their own zone when known. */
export type ReminderContact = ReportContact & { accountId?: string; timeZone?: string };

/** The partner's apps as the report's app picker offers them. */
export const appPickerOf = (p: Pick<Partner, 'apps'> | null) =>
  (p?.apps ?? []).map((a) => ({ name: a.name, appKey: a.appKey, appId: a.appId, environments: a.environments, distribution: a.distribution, framework: a.framework }));

/** Whether the report names the partner's current contacts (so the panel can offer to take newer ones). */
export function reportHasContacts(report: { contacts: { primary: ReportContact; secondary: ReportContact } }, p: Pick<Partner, 'contacts'> | null): boolean {
  const current = reportContactsOf(p);
  if (!current) return true;
  const same = (a: ReportContact, b: ReportContact) => a.name === b.name && a.role === b.role && a.email === b.email && a.phone === b.phone;
  return same(report.contacts.primary, current.primary) && same(report.contacts.secondary, current.secondary);
}

/**
 * Whom a reminder names: the incident's partner's current contacts (they keep them current in the directory),
 * else the contacts the report names; never anyone else's. An unassigned incident names the report's only.
 */
export function reminderContacts(report: { contacts: { primary: ReportContact; secondary: ReportContact } }, p: Pick<Partner, 'contacts'> | null): ReminderContact[] {
  const fromPartner = reportContactsOf(p);
  if (fromPartner && p?.contacts) {
    // The directory knows each contact's time zone, and their Jira account when they have one (to mention them).
    return (['primary', 'secondary'] as const).map((k) => {
      const c = p.contacts![k] as { timeZone?: string; accountId?: string };
      return { ...fromPartner[k], ...(c.timeZone ? { timeZone: c.timeZone } : {}), ...(c.accountId ? { accountId: c.accountId } : {}) };
    });
  }
  const fromReport = [report.contacts.primary, report.contacts.secondary];
  return fromReport.some((c) => c.email || c.name) ? fromReport : [];
}

/** The Jira accounts of the partner's contacts who are Jira users: a reminder mentions them. */
export const reminderMentions = (p: Pick<Partner, 'contacts'> | null): string[] =>
  [p?.contacts?.primary.accountId, p?.contacts?.secondary.accountId].filter((id): id is string => !!id);
