/**
 * Request bodies the integration tests send, keyed by route (`METHOD path`). The OpenAPI test
 * checks that each documented request schema accepts its sample, so the document stays true.
 */
export const API_SAMPLES: Readonly<Record<string, unknown>> = {
  'POST /v1/feedback': { text: 'Adorei o atendimento!', customer: { email: 'ana@example.com', name: 'Ana' }, rating: { type: 'nps', score: 10 }, language: 'pt-BR', website: '' },
  'POST /v1/auth/login': { email: 'ana@example.com', password: 'correct horse battery' },
  'POST /v1/users': { email: 'bia@example.com', name: 'Bia', role: 'agent' },
  'POST /v1/local/seed': { items: 200, days: 30, seed: 7 },
  'POST /v1/local/email-events': { type: 'bounce', address: 'ana@example.com' },
  'POST /v1/canned-replies': { title: 'Prazo de entrega', locale: 'pt-BR', text: 'Olá, {name}! Seu pedido chega em até 5 dias úteis.', tags: ['entrega'] },
  'PUT /v1/canned-replies/{id}': { title: 'Prazo de entrega', locale: 'pt-BR', text: 'Olá, {name}! Seu pedido chega em até 3 dias úteis.' },
  'POST /v1/surveys': { type: 'nps', customer: { email: 'ana@example.com', name: 'Ana' }, language: 'pt-BR' },
  'POST /v1/surveys/{token}': { score: 9, comment: 'Muito bom' },
  // As test/integration/triage-changes.test.ts sends them.
  'PATCH /v1/feedback/{id}': { status: 'open', priority: 'high', labels: { add: ['entrega'] } },
  'POST /v1/feedback/bulk': { ids: ['01JABCDEFGHJKMNPQRSTVWXYZ0'], changes: { status: 'resolved' } },
  'POST /v1/feedback/{id}/replies': { text: 'Olá Bea, seu pedido sai amanhã.', cannedReplyId: 'shipping' },
  'POST /v1/feedback/{id}/notes': { text: 'Cliente VIP, priorizar.' },
  // A query, not a body: as test/integration/metrics-api.test.ts sends it.
  'GET /v1/metrics': { from: '2030-01-01', to: '2030-01-31', channel: 'web,api', language: 'pt' },
};
