import { showFlag } from '@forge/bridge';

let next = 0;

/** A Jira flag (drawn by Jira at the page's bottom left): success after a save, error or warning when it failed. */
export function flag(kind: 'success' | 'error' | 'warning', title: string, description?: string): void {
  try {
    showFlag({ id: `pir-${Date.now()}-${next++}`, title, ...(description ? { description } : {}), type: kind, isAutoDismiss: kind === 'success' });
  } catch {
    // Outside Jira (no bridge) there is nowhere to draw a flag; the inline state still says what happened.
  }
}
