import { readFileSync } from 'node:fs';

/** Parsed JSON of a file in test/fixtures/social. */
export const socialFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/social/${name}`, import.meta.url), 'utf8'));

/** Deep copy of a fixture, for tests that mutate it. */
export const cloneFixture = <T = Record<string, unknown>>(name: string): T => structuredClone(socialFixture(name)) as T;
