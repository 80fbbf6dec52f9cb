/** The clock, in one place. ISO-8601 UTC. */
export const nowIso = (): string => new Date().toISOString();
