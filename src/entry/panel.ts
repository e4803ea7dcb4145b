import { PANEL } from '../contract/panel';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { acknowledge, recordOutreach, saveCustomerNotification, saveMitigations, saveRootCause, addIndicators, incidentHistory, issueAttachments, loadIncident, movePhase, removeIndicators, saveChannel, saveIrNotes, saveReport, saveTriage, updateIndicator, verifyIncidentHistory } from '../app/incident';
import { defineResolver } from './define';

const everyone = ['ir', 'partner'] as const;
const irOnly = ['ir'] as const;

export const panelResolver = defineResolver('panel', MODULE_KEYS.panel, PANEL, {
  load: {
    allow: everyone,
    handle: async (_input, call) => ({ viewer: await viewerOf(call), issue: call.session.call.issue!, serverNow: call.now.toISOString(), ...(await loadIncident(call)) }),
  },
  saveReport: { allow: everyone, handle: (input, call) => saveReport(call, input) },
  saveIrNotes: { allow: irOnly, handle: (input, call) => saveIrNotes(call, input) },
  addIndicators: { allow: everyone, handle: (input, call) => addIndicators(call, input) },
  updateIndicator: { allow: everyone, handle: (input, call) => updateIndicator(call, input) },
  removeIndicators: { allow: everyone, handle: (input, call) => removeIndicators(call, input) },
  attachments: { allow: everyone, handle: (_input, call) => issueAttachments(call) },
  saveTriage: { allow: irOnly, handle: (input, call) => saveTriage(call, input) },
  saveChannel: { allow: irOnly, handle: (input, call) => saveChannel(call, input) },
  movePhase: { allow: irOnly, handle: (input, call) => movePhase(call, input) },
  recordOutreach: { allow: irOnly, handle: (input, call) => recordOutreach(call, input) },
  acknowledge: { allow: everyone, handle: (input, call) => acknowledge(call, input) },
  saveMitigations: { allow: everyone, handle: (input, call) => saveMitigations(call, input) },
  saveCustomerNotification: { allow: everyone, handle: (input, call) => saveCustomerNotification(call, input) },
  saveRootCause: { allow: everyone, handle: (input, call) => saveRootCause(call, input) },
  history: { allow: everyone, handle: ({ cursor }, call) => incidentHistory(call, cursor) },
  verifyHistory: { allow: irOnly, handle: (_input, call) => verifyIncidentHistory(call) },
});
