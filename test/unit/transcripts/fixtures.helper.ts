import { readFileSync } from 'node:fs';

/** A transcript fixture from test/fixtures/transcripts, parsed (a fresh copy on every call). */
export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Catches what `fn` throws (fails the test when it does not throw). */
export function thrown(fn: () => unknown): Error & { status?: number; code?: string; details?: Array<{ field: string; message: string }> } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
