/** The bench's phases, in the order they run (`--only` selects some). */
export const PHASES = ['raw', 'e2e', 'ops', 'steady', 'analyzer', 'restart', 'bundles'] as const;
export type Phase = (typeof PHASES)[number];
