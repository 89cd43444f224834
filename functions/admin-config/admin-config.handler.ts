import { readConfig, rulesAsText, writeConfig, type ConfigName } from '../../shared/app/admin-config.use-case.js';
import { NotFoundError, OuvidorError } from '../../shared/domain/errors.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

const NAMES: readonly ConfigName[] = ['rules', 'service-standards'];

class PreconditionRequiredError extends OuvidorError {
  constructor() {
    super(428, 'precondition_required', 'Send If-Match with the version you read (0 to replace the shipped default).');
  }
}

const body = readBody({ maxBytes: 256 * 1024, accept: ['json', 'yaml'] });

/**
 * GET|PUT /v1/admin/{rules|service-standards} — admins only. GET answers JSON (rules also as
 * YAML with `?format=yaml`) and an ETag with the version; PUT takes JSON (rules also
 * `application/yaml`) with `If-Match: <version>` and answers 409 when the version moved on.
 */
export const handler = apiHandler(['admin'])
  .before(async (request) => {
    if (request.event.requestContext.http.method === 'PUT') await body.before!(request);
  })
  .handler(async (event) => {
    const name = event.pathParameters?.name as ConfigName;
    if (!NAMES.includes(name)) throw new NotFoundError(`No configuration '${name}'; use one of: ${NAMES.join(', ')}.`);
    const c = { configs: configStore(), clock: clock() };
    if (event.requestContext.http.method === 'GET') {
      const view = await readConfig(c, name);
      if (name === 'rules' && event.queryStringParameters?.format === 'yaml') {
        return { statusCode: 200, headers: { 'content-type': 'application/yaml; charset=utf-8', etag: `"${view.version}"` }, body: rulesAsText(view.document, 'yaml') };
      }
      return json(200, view, { etag: `"${view.version}"` });
    }
    const ifMatch = event.headers['if-match']?.replace(/"/g, '').trim();
    if (ifMatch === undefined || !/^\d+$/.test(ifMatch)) throw new PreconditionRequiredError();
    const parsed = event.parsedBody!;
    const text = parsed.kind === 'yaml' ? parsed.value : parsed.kind === 'json' ? parsed.text : '';
    const view = await writeConfig(c, name, { text, format: parsed.kind === 'yaml' ? 'yaml' : 'json', expectedVersion: Number(ifMatch), by: event.principal?.sub ?? 'admin' });
    return json(200, view, { etag: `"${view.version}"` });
  });
