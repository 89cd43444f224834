import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_ROUTE_KEYS, ROUTES } from '../../../local/routes.js';
import { API_OPERATIONS, openApiDocument } from '../../../shared/runtime/openapi/openapi.document.js';
import { API_SAMPLES } from '../../support/api-samples.js';

type Operation = { requestBody?: { content: Record<string, { schema: object }> }; security: unknown[]; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>; parameters?: { name: string; in: string }[] };
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object; schemas: Record<string, object> } };
const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
const operation = (key: string): Operation => {
  const [method = '', path = ''] = key.split(' ');
  return doc.paths[path]![method.toLowerCase()]!;
};

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer JWT scheme and the error shape', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    expect(doc.components.schemas['Error']).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
  });

  it('documents every route of local/routes.ts with the same method and path, and nothing else', () => {
    expect([...documented].sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('marks public routes (no security) and protected ones (bearer, 401/403 with the error shape)', () => {
    for (const key of ['POST /v1/feedback', 'OPTIONS /v1/feedback', 'POST /v1/auth/login', 'GET /v1/openapi.json', 'GET /v1/surveys/{token}']) {
      expect(operation(key).security).toEqual([]);
    }
    for (const key of ['GET /v1/users', 'POST /v1/canned-replies', 'GET /v1/feedback/{id}']) {
      const op = operation(key);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op.responses['401']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
      expect(op.responses['403']).toBeDefined();
    }
    for (const key of LOCAL_ONLY_ROUTE_KEYS.filter((k) => !k.startsWith('OPTIONS'))) expect(operation(key)).toHaveProperty('x-ouvidor-local-only', true);
    expect(operation('PUT /v1/canned-replies/{id}').parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' }), expect.objectContaining({ name: 'If-Match', in: 'header' })]));
  });

  it('every request schema from zod accepts the sample request another test sends', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const withZod = Object.entries(API_OPERATIONS).filter(([, op]) => op.body?.zod && op.body.types.includes('application/json'));
    expect(withZod.length).toBeGreaterThanOrEqual(10);
    for (const [key, op] of withZod) {
      const sample = API_SAMPLES[key];
      expect(sample, `a sample request for ${key} in test/support/api-samples.ts`).toBeDefined();
      expect(op.body!.zod!.safeParse(sample).success, `${key}: zod accepts its sample`).toBe(true);
      const validate = ajv.compile(operation(key).requestBody!.content['application/json']!.schema);
      expect(validate(sample), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('the documented schemas refuse what the API refuses', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemaOf = (key: string) => ajv.compile(operation(key).requestBody!.content['application/json']!.schema);
    expect(schemaOf('POST /v1/canned-replies')({ title: 'x', locale: 'es', text: 'y' })).toBe(false);
    expect(schemaOf('POST /v1/users')({ email: 'a@b.co', name: 'A', role: 'root' })).toBe(false);
    expect(schemaOf('POST /v1/feedback')({ text: 'x', unknown: 1 })).toBe(false);
  });

  it('GET /v1/openapi.json serves it', async () => {
    const { handler } = await import('../../../functions/openapi/openapi.handler.js');
    const { lambdaContext } = await import('../../../local/lambda-context.js');
    const res = (await handler({ headers: {}, requestContext: { http: { method: 'GET' } } } as never, lambdaContext('openapi', 1000))) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
