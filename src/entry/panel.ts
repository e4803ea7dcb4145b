import { PANEL } from '../contract/panel';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { setPartner, partnerOptions, incidentFootprint, acknowledge, recordOutreach, saveCustomerNotification, saveMitigations, saveRootCause, addIndicators, incidentIndicators, incidentHistory, issueAttachments, loadIncident, movePhase, closeIncident, removeIndicators, saveChannel, saveIrNotes, saveReport, saveTriage, updateIndicator, verifyIncidentHistory } from '../app/incident';
import { defineResolver } from './define';
import { incidentPartnerTrail } from '../app/partners';
import { findUsers, recordLegalDecision, acknowledgeLogReceipt, attestLogDeletion, decideLogRequest, deliverLogRequest, proposeLogRequest, saveLogSharingFacts, setLegalHold } from '../app/log-sharing';

// Writes: IR staff, or a member of the incident's partner who may edit the issue ('partner'). Reads: also a
// 'viewer' (can browse the issue, nothing more), who gets the incident's shared fields only.
const everyone = ['ir', 'partner'] as const;
const readers = ['ir', 'partner', 'viewer'] as const;
const irOnly = ['ir'] as const;
// The partner's own steps with shared logs (LOG_REQUEST_EVENT_ACTORS): IR staff cannot attest for them.
const partnerOnly = ['partner'] as const;

export const panelResolver = defineResolver('panel', MODULE_KEYS.panel, PANEL, {
  load: {
    allow: readers,
    handle: async (_input, call) => ({ viewer: await viewerOf(call), issue: call.session.call.issue!, serverNow: call.now.toISOString(), ...(await loadIncident(call)) }),
  },
  saveReport: { allow: everyone, handle: (input, call) => saveReport(call, input) },
  saveIrNotes: { allow: irOnly, handle: (input, call) => saveIrNotes(call, input) },
  indicators: { allow: readers, reads: { indicators: true }, handle: (_input, call) => incidentIndicators(call) },
  addIndicators: { allow: everyone, reads: { indicators: true }, handle: (input, call) => addIndicators(call, input) },
  updateIndicator: { allow: everyone, reads: { indicators: true }, handle: (input, call) => updateIndicator(call, input) },
  removeIndicators: { allow: everyone, reads: { indicators: true }, handle: (input, call) => removeIndicators(call, input) },
  attachments: { allow: readers, handle: (_input, call) => issueAttachments(call) },
  footprint: { allow: everyone, handle: (_input, call) => incidentFootprint(call) },
  saveTriage: { allow: irOnly, handle: (input, call) => saveTriage(call, input) },
  saveChannel: { allow: irOnly, handle: (input, call) => saveChannel(call, input) },
  movePhase: { allow: irOnly, handle: (input, call) => movePhase(call, input) },
  closeIncident: { allow: irOnly, handle: (input, call) => closeIncident(call, input) },
  recordOutreach: { allow: irOnly, handle: (input, call) => recordOutreach(call, input) },
  acknowledge: { allow: everyone, handle: (input, call) => acknowledge(call, input) },
  saveMitigations: { allow: everyone, handle: (input, call) => saveMitigations(call, input) },
  saveCustomerNotification: { allow: everyone, handle: (input, call) => saveCustomerNotification(call, input) },
  saveRootCause: { allow: everyone, handle: (input, call) => saveRootCause(call, input) },
  proposeLogRequest: { allow: everyone, handle: (input, call) => proposeLogRequest(call, input) },
  decideLogRequest: { allow: irOnly, handle: (input, call) => decideLogRequest(call, input) },
  deliverLogRequest: { allow: irOnly, handle: (input, call) => deliverLogRequest(call, input) },
  recordLegalDecision: { allow: irOnly, handle: (input, call) => recordLegalDecision(call, input) },
  findUsers: { allow: irOnly, handle: (input) => findUsers(input.query) },
  acknowledgeLogReceipt: { allow: partnerOnly, handle: (input, call) => acknowledgeLogReceipt(call, input) },
  attestLogDeletion: { allow: partnerOnly, handle: (input, call) => attestLogDeletion(call, input) },
  setLegalHold: { allow: irOnly, handle: (input, call) => setLegalHold(call, input) },
  saveLogSharingFacts: { allow: irOnly, handle: (input, call) => saveLogSharingFacts(call, input) },
  history: { allow: readers, handle: ({ cursor }, call) => incidentHistory(call, cursor) },
  verifyHistory: { allow: irOnly, handle: ({ cursor }, call) => verifyIncidentHistory(call, cursor) },
  partnerHistory: { allow: irOnly, handle: ({ cursor }, call) => incidentPartnerTrail(call, cursor) },
  setPartner: {
    allow: irOnly,
    handle: async (input, call) => ({ viewer: await viewerOf(call), issue: call.session.call.issue!, serverNow: call.now.toISOString(), ...(await setPartner(call, input)) }),
  },
  partnerOptions: { allow: irOnly, handle: (input, call) => partnerOptions(call, input) },
});
