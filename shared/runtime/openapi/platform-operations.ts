import * as z from 'zod';
import { SurveyInputSchema } from '../../domain/survey.schema.js';
import { BulkTriageSchema, NoteSchema, PatchFeedbackSchema, ReplySchema } from '../../domain/triage/triage.schema.js';
import { obj, page, str, type ApiOperation } from './api-operation.js';

const item = obj('A feedback item (docs/architecture.md, The Feedback record).');
const cursorQuery = { limit: { description: 'Page size.', schema: { type: 'integer', minimum: 1, maximum: 100 } }, cursor: { description: 'From the previous page.' } };
const csv = (d: string) => ({ description: `${d} (comma-separated: any of them).` });
const SurveyAnswerSchema = z.object({ score: z.union([z.number().int(), z.string()]).optional(), comment: z.string().max(5000).optional() }).strict();

/** Feedback, triage, channels, outbox, configuration, customers and surveys. */
export const PLATFORM_OPERATIONS: Readonly<Record<string, ApiOperation>> = {
  'GET /v1/feedback': {
    summary: 'The inbox: list and filter feedback',
    tag: 'triage',
    auth: ['admin', 'agent'],
    query: {
      status: csv('Statuses'), priority: csv('Priorities'), sentiment: csv('Sentiments'), category: csv('Categories'), channel: csv('Channels'),
      assignee: { description: 'Agent id (`me` for yourself).' }, label: csv('Labels'), language: csv('Languages'),
      from: { description: 'Received from (ISO date or date-time).' }, to: { description: 'Received until (ISO date or date-time).' },
      q: { description: 'Words in the text.' }, sort: { description: 'received | due | priority', schema: { enum: ['received', 'due', 'priority'] } }, ...cursorQuery,
    },
    responses: { 200: { description: 'A page of items.', schema: page('items') } },
  },
  'GET /v1/feedback/{id}': {
    summary: 'One item with its timeline and action log',
    tag: 'triage',
    auth: ['admin', 'agent'],
    responses: { 200: { description: 'The item.', schema: item } },
  },
  'PATCH /v1/feedback/{id}': {
    summary: 'Change status, priority, assignee, labels',
    tag: 'triage',
    auth: ['admin', 'agent'],
    headers: { 'If-Match': { description: 'The version read (or `version` in the body); 409 when it moved on.' } },
    body: { zod: PatchFeedbackSchema, types: ['application/json'] },
    responses: { 200: { description: 'The changed item (ETag: its version).', schema: item } },
  },
  'POST /v1/feedback/bulk': {
    summary: 'Apply the same change to many items',
    tag: 'triage',
    auth: ['admin', 'agent'],
    body: { zod: BulkTriageSchema, types: ['application/json'] },
    responses: { 200: { description: 'The outcome per item.', schema: { type: 'object' } } },
  },
  'POST /v1/feedback/{id}/replies': {
    summary: 'Reply to the customer (through the outbox)',
    tag: 'triage',
    auth: ['admin', 'agent'],
    headers: { 'Idempotency-Key': { description: 'A retry with the same key sends nothing new and answers the first result.' } },
    body: { zod: ReplySchema, types: ['application/json'] },
    responses: { 201: { description: 'The reply as recorded.', schema: { type: 'object' } } },
  },
  'POST /v1/feedback/{id}/notes': {
    summary: 'Add an internal note',
    tag: 'triage',
    auth: ['admin', 'agent'],
    body: { zod: NoteSchema, types: ['application/json'] },
    responses: { 201: { description: 'The note.', schema: { type: 'object' } } },
  },
  'GET /v1/feedback/{id}/original': {
    summary: 'The unredacted original text',
    tag: 'triage',
    auth: ['admin'],
    responses: { 200: { description: 'The original as received.', schema: { type: 'object' } } },
  },
  'GET /v1/channels/social/{provider}': {
    summary: 'Webhook verification handshake (meta, x, generic)',
    tag: 'channels',
    auth: 'public',
    description: 'The verify token or CRC challenge is checked in the function.',
    responses: { 200: { description: 'The challenge answer.', type: 'text/plain', schema: { type: 'string' } } },
  },
  'POST /v1/channels/social/{provider}': {
    summary: 'Social webhook delivery (signed by the provider)',
    tag: 'channels',
    auth: 'public',
    description: 'HMAC-SHA256 over the raw body (X-Hub-Signature-256, x-twitter-webhooks-signature, X-Ouvidor-Signature); 401 when missing or wrong.',
    body: { schema: { type: 'object', description: "The provider's payload." }, types: ['application/json'] },
    responses: { 200: { description: 'What was accepted.', schema: { type: 'object' } } },
  },
  'POST /v1/channels/email': {
    summary: 'Ingest a raw email message',
    tag: 'channels',
    auth: ['admin', 'agent'],
    body: { schema: { type: 'string', contentMediaType: 'message/rfc822' }, types: ['message/rfc822'] },
    responses: { 202: { description: 'Accepted (or threaded, ignored, quarantined).', schema: { type: 'object' } } },
  },
  'POST /v1/channels/phone': {
    summary: 'Ingest a call transcript (Transcribe, Call Analytics, Contact Lens)',
    tag: 'channels',
    auth: ['admin', 'agent'],
    query: {
      customerPhone: { description: 'The caller.' }, customerEmail: { description: 'The caller.' }, customerName: { description: 'The caller.' },
      agentSpeaker: { description: 'Which speaker label is the agent (Transcribe).' }, agentId: { description: 'The agent.' },
    },
    body: { schema: { type: 'object', description: 'The transcript JSON as the service wrote it.' }, types: ['application/json'] },
    responses: { 202: { description: 'Accepted.', schema: { type: 'object' } } },
  },
  'GET /v1/outbox': {
    summary: 'Messages sent (or recorded) by workflows and replies',
    tag: 'workflows',
    auth: ['admin', 'agent'],
    query: { feedbackId: { description: 'Only this item.' }, ...cursorQuery },
    responses: { 200: { description: 'A page of messages.', schema: page('messages') } },
  },
  'GET /v1/admin/{name}': {
    summary: 'Read a configuration document (rules, service-standards)',
    tag: 'workflows',
    auth: ['admin'],
    query: { format: { description: '`yaml` for the rules as YAML.', schema: { enum: ['yaml'] } } },
    responses: { 200: { description: 'The document and its version (ETag).', schema: obj('Configuration.', { document: { type: 'object' }, version: { type: 'integer' } }) } },
  },
  'PUT /v1/admin/{name}': {
    summary: 'Replace a configuration document',
    tag: 'workflows',
    auth: ['admin'],
    headers: { 'If-Match': { description: 'The version read (0 replaces the shipped default); 409 when it moved on.', required: true } },
    body: { schema: { type: 'object', description: 'The document (rules also as application/yaml).' }, types: ['application/json', 'application/yaml'] },
    responses: { 200: { description: 'Stored (ETag: the new version).', schema: { type: 'object' } } },
  },
  'GET /v1/customers/{id}': {
    summary: "A customer's profile and items across channels",
    tag: 'customers',
    auth: ['admin', 'agent'],
    query: cursorQuery,
    responses: { 200: { description: 'Profile and a page of items.', schema: { type: 'object' } } },
  },
  'DELETE /v1/customers/{id}/unreachable/{address}': {
    summary: 'Make an unreachable email reachable again (after a bounce or complaint)',
    tag: 'customers',
    auth: ['admin', 'agent'],
    description: 'Lifts the suppression SES events set on one of the customer\'s emails (URL-encoded in the path); emails go to it again. 404 when it is not the customer\'s.',
    responses: { 200: { description: 'The profile, without that address among `unreachable`.', schema: obj('Profile.', { profile: { type: 'object' } }) } },
  },
  'POST /v1/surveys': {
    summary: 'Create an NPS/CSAT survey link',
    tag: 'surveys',
    auth: ['admin', 'agent'],
    body: { zod: SurveyInputSchema, types: ['application/json'] },
    responses: { 201: { description: 'The signed link.', schema: obj('Survey.', { id: str('ULID'), token: str('signed'), url: str('link'), expiresAt: str('ISO') }) } },
  },
  'GET /v1/surveys/{token}': {
    summary: 'The survey page (`?score=N` answers in one click)',
    tag: 'surveys',
    auth: 'public',
    description: 'The signed, expiring token is the credential: 404 when invalid, 410 when expired.',
    query: { score: { description: 'The score, answering in one click.' } },
    responses: { 200: { description: 'An HTML page.', type: 'text/html', schema: { type: 'string' } } },
  },
  'POST /v1/surveys/{token}': {
    summary: 'Answer a survey (form → page, JSON → JSON)',
    tag: 'surveys',
    auth: 'public',
    body: { zod: SurveyAnswerSchema, types: ['application/json', 'application/x-www-form-urlencoded'] },
    responses: { 200: { description: 'Recorded.', schema: { type: 'object' } } },
  },
  'GET /standards': {
    summary: 'The public service standards page (HTML, pt-BR or English)',
    tag: 'standards',
    auth: 'public',
    description:
      'Business hours, holidays, the promised first response and resolution times per channel and priority, and the actual median first response time of the last 30 days (overall and per channel, from the metrics aggregates). Cached 5 minutes.',
    query: { lang: { description: '`pt-BR` or `en`; default: the Accept-Language header, else pt-BR.', schema: { type: 'string', enum: ['pt-BR', 'en'] } } },
    headers: { 'Accept-Language': { description: 'Picks the language when `lang` is absent.' } },
    responses: { 200: { description: 'An HTML page.', type: 'text/html', schema: { type: 'string' } } },
  },
};
