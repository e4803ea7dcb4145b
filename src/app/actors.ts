/** The audit trail's actor for what the scheduled trigger does: not a person, so never looked up in Jira. */
export const SYSTEM_ACTOR = 'app:timers';

/** The actors that are people (Atlassian account IDs), for Jira's user lookups. */
export const people = (actors: string[]): string[] => actors.filter((a) => a !== SYSTEM_ACTOR);
