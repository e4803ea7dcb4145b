/** What each entry of a partner's directory trail says it did, in words (the settings page and IR's panel). */
export const PARTNER_ACTIONS = { 'partner.create': 'added the partner', 'partner.save': 'saved the partner', 'partner.import': 'imported the partner from a file', 'partner.selfService': 'updated the contacts (partner)' };
