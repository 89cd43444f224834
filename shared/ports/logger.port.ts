/** Structured logging (Powertools Logger satisfies it). Never pass customer text or PII. */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
