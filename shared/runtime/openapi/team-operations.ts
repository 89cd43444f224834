import * as z from 'zod';
import { CannedReplyInputSchema, CannedReplySchema } from '../../domain/canned-reply.schema.js';
import { FeedbackInputSchema } from '../../domain/feedback-input.schema.js';
import { LoginInputSchema, NewUserInputSchema, UserSchema } from '../../domain/user.schema.js';
import { SeedRequestSchema } from '../../domain/seed-request.schema.js';
import { LocalEmailEventRequestSchema } from '../../domain/email-suppression.schema.js';
import { obj, str, type ApiOperation } from './api-operation.js';

/** What the intake documents: the feedback input plus the widget's honeypot (left empty by people). */
const WebIntakeSchema = FeedbackInputSchema.extend({ website: z.string().optional().describe('Honeypot: leave empty. When filled, nothing is stored.') });
const accepted = obj('Accepted for analysis.', { id: str('ULID of the item'), status: { const: 'accepted' } });

/** Intake, sign-in, users, canned replies and this document. */
export const TEAM_OPERATIONS: Readonly<Record<string, ApiOperation>> = {
  'POST /v1/feedback': {
    summary: 'Submit feedback (web form, widget, API)',
    tag: 'intake',
    auth: 'public',
    description: 'Cross-origin from the CORS allowlist (OUVIDOR_CORS_ORIGINS). A form maps text, subject, email, name, phone, language, nps/csat.',
    headers: { 'Idempotency-Key': { description: 'Retries with the same key and body get the same id (24 h); another body gets 422.' } },
    body: { zod: WebIntakeSchema, types: ['application/json', 'application/x-www-form-urlencoded'] },
    responses: { 202: { description: 'Accepted (an HTML thank-you page for a form asking for text/html).', schema: accepted } },
  },
  'OPTIONS /v1/feedback': {
    summary: 'CORS preflight for the widget',
    tag: 'intake',
    auth: 'public',
    description: 'Answered by the HTTP API itself on AWS; by the function locally.',
    responses: { 204: { description: 'Allowed origins get access-control-allow-* headers; others none.' } },
  },
  'POST /v1/auth/login': {
    summary: 'Sign in (local runtime only; on AWS the console uses Cognito SRP)',
    tag: 'users',
    auth: 'public',
    localOnly: true,
    body: { zod: LoginInputSchema, types: ['application/json'] },
    responses: { 200: { description: 'A bearer token (sub = email) and the user.', schema: obj('Signed in.', { token: str('HS256 JWT'), user: { type: 'object' } }) } },
  },
  'POST /v1/local/seed': {
    summary: 'Write the demo data set (local runtime only; `ouvidor seed`)',
    tag: 'users',
    auth: ['admin'],
    localOnly: true,
    description:
      'Realistic, deterministic feedback in pt-BR and English over the last `days` days: analyzed items with their lifecycle, SLA clocks, ' +
      'surveys and kudos; nothing published, no workflow run. The same options again write nothing new (the first run\'s period is kept).',
    body: { zod: SeedRequestSchema, types: ['application/json'] },
    responses: { 200: { description: 'What was written.', schema: obj('The seed summary.', { written: { type: 'integer' }, existing: { type: 'integer' } }) } },
  },
  'GET /v1/local/progress': {
    summary: 'How far a local admin job is (local runtime only; `ouvidor seed`, `ouvidor metrics rebuild`)',
    tag: 'users',
    auth: ['admin'],
    localOnly: true,
    description: '404 when that job has not run in this process.',
    query: { job: { description: 'The job: seed or metrics-rebuild.', schema: { enum: ['seed', 'metrics-rebuild'] } } },
    responses: {
      200: { description: 'The job\'s phase and count.', schema: obj('Job progress.', { job: str('the job'), running: { type: 'boolean' }, phase: str('what it does now'), done: { type: 'integer' }, total: { type: 'integer' } }) },
    },
  },
  'POST /v1/local/email-events': {
    summary: 'Play an SES bounce or complaint for an address (local runtime only; `ouvidor email-event`)',
    tag: 'users',
    auth: ['admin'],
    localOnly: true,
    description:
      'Queues the SNS notification SES publishes for a permanent bounce or a complaint; the same `email-events` handler as on AWS marks the address unreachable, ' +
      'after which no email is sent to it. On AWS the configuration set\'s topic feeds that queue.',
    body: { zod: LocalEmailEventRequestSchema, types: ['application/json'] },
    responses: { 202: { description: 'Queued.', schema: obj('Queued for email-events.', { queued: { type: 'boolean' }, sesMessageId: str('the SES message id of the played event') }) } },
  },
  'GET /v1/users': {
    summary: 'List staff users',
    tag: 'users',
    auth: ['admin'],
    responses: { 200: { description: 'Every user (Cognito on AWS, the table locally).', zod: z.object({ items: z.array(UserSchema) }) } },
  },
  'POST /v1/users': {
    summary: 'Create a staff user',
    tag: 'users',
    auth: ['admin'],
    description: 'On AWS Cognito emails a temporary password; locally the generated password is in the answer, once. 409 when the email exists.',
    body: { zod: NewUserInputSchema, types: ['application/json'] },
    responses: { 201: { description: 'Created.', zod: z.object({ user: UserSchema, password: z.string().optional() }) } },
  },
  'GET /v1/canned-replies': {
    summary: 'List canned replies (seeds pt-BR/en defaults the first time)',
    tag: 'canned replies',
    auth: ['admin', 'agent'],
    query: { locale: { description: 'Only this locale.', schema: { enum: ['pt-BR', 'en'] } } },
    responses: { 200: { description: 'The replies.', zod: z.object({ items: z.array(CannedReplySchema) }) } },
  },
  'POST /v1/canned-replies': {
    summary: 'Create a canned reply',
    tag: 'canned replies',
    auth: ['admin'],
    body: { zod: CannedReplyInputSchema, types: ['application/json'] },
    responses: { 201: { description: 'Created (ETag: its version).', zod: CannedReplySchema } },
  },
  'PUT /v1/canned-replies/{id}': {
    summary: 'Replace a canned reply',
    tag: 'canned replies',
    auth: ['admin'],
    headers: { 'If-Match': { description: 'The version read; 409 when it moved on, 428 when absent.', required: true } },
    body: { zod: CannedReplyInputSchema, types: ['application/json'] },
    responses: { 200: { description: 'Replaced (ETag: the new version).', zod: CannedReplySchema } },
  },
  'DELETE /v1/canned-replies/{id}': {
    summary: 'Delete a canned reply',
    tag: 'canned replies',
    auth: ['admin'],
    responses: { 204: { description: 'Deleted.' } },
  },
  'GET /v1/openapi.json': {
    summary: 'This document',
    tag: 'meta',
    auth: 'public',
    responses: { 200: { description: 'OpenAPI 3.1.', schema: { type: 'object' } } },
  },
};
