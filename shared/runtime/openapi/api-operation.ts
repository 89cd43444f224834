import type { z } from 'zod';
import type { Role } from '../../domain/auth.schema.js';

/** A JSON Schema (2020-12) written by hand, for bodies that have no zod schema. */
export type JsonSchema = Record<string, unknown>;

/** One documented operation; the key of its table is the route key, `METHOD /path/{param}`. */
export interface ApiOperation {
  readonly summary: string;
  readonly tag: string;
  /** `public`, or the roles the bearer token must carry (403 otherwise). */
  readonly auth: 'public' | readonly Role[];
  readonly description?: string;
  /** Served by the local runtime only (not on AWS). */
  readonly localOnly?: boolean;
  readonly query?: Readonly<Record<string, { readonly description: string; readonly schema?: JsonSchema }>>;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly required?: boolean }>>;
  /** The request body: its zod schema (preferred) or a JSON Schema, and the content types accepted. */
  readonly body?: {
    readonly zod?: z.ZodType;
    readonly schema?: JsonSchema;
    readonly types: readonly string[];
    readonly description?: string;
  };
  /** Success responses (errors are added from `auth`, `body` and `query`). */
  readonly responses: Readonly<Record<number, { readonly description: string; readonly zod?: z.ZodType; readonly schema?: JsonSchema; readonly type?: string }>>;
}

export const obj = (description: string, properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  description,
  ...(Object.keys(properties).length > 0 && { properties }),
});
export const str = (description: string): JsonSchema => ({ type: 'string', description });
export const page = (item: string): JsonSchema => obj(`A page of ${item}; pass \`cursor\` to get the next one.`, { items: { type: 'array', items: { type: 'object' } }, cursor: str('Opaque; absent on the last page.') });
