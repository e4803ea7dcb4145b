import { panelApi } from '../api';
import { History } from '../ui/History';
import { PARTNER_ACTIONS } from '../ui/partner-actions';
import type { Locale } from '../ui/format';

/** IR staff: the incident's partner's directory trail (who changed its contacts, tier or apps, and when). */
export default function PartnerTrail({ name, l }: { name: string; l: Locale }) {
  return (
    <section aria-labelledby="partner-trail-h" data-testid="partner-trail">
      <h3 id="partner-trail-h">{name}&apos;s directory history</h3>
      <History load={(cursor) => panelApi('partnerHistory', cursor ? { cursor } : {})} l={l} actionLabels={PARTNER_ACTIONS} autoLoad />
    </section>
  );
}
