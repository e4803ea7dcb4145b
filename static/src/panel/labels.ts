// Words the panel's views share, so the Overview, Triage and the right-hand summary say the same thing.
export const COLLABORATION_LABELS = { joint: 'Joint incident response', async: 'Async support', 'out-of-scope': 'Out of scope' } as const;
export const DATA_SCOPE_LABELS = { 'full-platform-telemetry': 'Full platform telemetry', 'platform-level-only': 'Platform-level data only', none: 'None' } as const;
