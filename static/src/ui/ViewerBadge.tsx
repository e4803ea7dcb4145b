import type { Viewer } from '../../../src/contract/common';

const ROLE_LABEL: Record<Viewer['role'], string> = { ir: 'Atlassian IR staff', partner: 'Partner', viewer: 'Read-only', admin: 'Jira administrator' };

/** Who the app thinks you are, and why you see what you see. */
export function ViewerBadge({ viewer }: { viewer: Viewer }) {
  return (
    <p className="viewer" data-testid="viewer">
      <span>{viewer.displayName}</span>
      <span className={`lozenge lozenge-${viewer.role}`} data-testid="role">
        {ROLE_LABEL[viewer.role]}
      </span>
    </p>
  );
}
