import * as z from 'zod';
import type { ApiOperation, JsonSchema } from './api-operation.js';
import { PLATFORM_OPERATIONS } from './platform-operations.js';
import { METRICS_OPERATIONS } from './metrics-operations.js';
import { TEAM_OPERATIONS } from './team-operations.js';

/**
 * Every route of the HTTP API, keyed `METHOD /path` exactly as local/routes.ts (and the CDK)
 * declare them. Add a route there, add its operation here: test/unit/team/openapi.test.ts fails
 * until the two sets are equal.
 */
export const API_OPERATIONS: Readonly<Record<string, ApiOperation>> = { ...TEAM_OPERATIONS, ...PLATFORM_OPERATIONS, ...METRICS_OPERATIONS };

/** A zod schema as JSON Schema 2020-12 (what a client sends: the input side of transforms). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const FORM_SCHEMA: JsonSchema = { type: 'object', description: 'HTML form fields (see the description).', additionalProperties: { type: 'string' } };

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operationObject(key: string, op: ApiOperation): Record<string, unknown> {
  const path = key.slice(key.indexOf(' ') + 1);
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(op.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: false, description: q.description, schema: q.schema ?? { type: 'string' } })),
    ...Object.entries(op.headers ?? {}).map(([name, h]) => ({ name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const schema = r.zod ? jsonSchemaOf(r.zod) : r.schema;
    responses[status] = { description: r.description, ...(schema && { content: { [r.type ?? 'application/json']: { schema } } }) };
  }
  if (op.body || op.query) responses['400'] = errorRef('Invalid request: `details` names each field at fault.');
  if (op.auth !== 'public') {
    responses['401'] = errorRef('Missing or invalid bearer token.');
    responses['403'] = errorRef(`The token's role is not one of: ${op.auth.join(', ')}.`);
  }
  responses['500'] = errorRef('Unexpected error (nothing was lost).');
  const bodySchema = (type: string) =>
    type === 'application/x-www-form-urlencoded' ? FORM_SCHEMA : op.body?.zod ? jsonSchemaOf(op.body.zod) : (op.body?.schema ?? {});
  const body = op.body && { required: true, content: Object.fromEntries(op.body.types.map((t) => [t, { schema: bodySchema(t) }])) };
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''),
    summary: op.summary,
    tags: [op.tag],
    ...(op.description && { description: op.description }),
    security: op.auth === 'public' ? [] : [{ bearerAuth: [] }],
    ...(op.auth !== 'public' && { 'x-ouvidor-roles': op.auth }),
    ...(op.localOnly && { 'x-ouvidor-local-only': true }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && { requestBody: body }),
    responses,
  };
}

/** The OpenAPI 3.1 document of the whole HTTP API. */
export function openApiDocument(operations: Readonly<Record<string, ApiOperation>> = API_OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(operations)) {
    const [method = '', path = ''] = key.split(' ');
    (paths[path] ??= {})[method.toLowerCase()] = operationObject(key, op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ouvidor API',
      version: '0.1.0',
      description: 'Omnichannel customer feedback. Bearer JWTs: Cognito tokens on AWS (groups admin/agent), local HS256 tokens from POST /v1/auth/login or `ouvidor token`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['validation_failed'] },
                message: { type: 'string' },
                details: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
