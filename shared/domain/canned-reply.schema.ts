import * as z from 'zod';
import { OuvidorError } from './errors.js';

export const CannedReplyLocaleSchema = z.enum(['pt-BR', 'en'], { error: "locale must be 'pt-BR' or 'en'" });
export type CannedReplyLocale = z.infer<typeof CannedReplyLocaleSchema>;

/** The query of `GET /v1/canned-replies`. */
export const CannedReplyQuerySchema = z.object({ locale: CannedReplyLocaleSchema.optional() });

/** What `POST /v1/canned-replies` and `PUT /v1/canned-replies/{id}` accept. */
export const CannedReplyInputSchema = z
  .object({
    title: z.string({ error: 'title is required and must be a string' }).trim().min(1, 'title must not be empty').max(120, 'title must be at most 120 characters'),
    locale: CannedReplyLocaleSchema,
    text: z.string({ error: 'text is required and must be a string' }).trim().min(1, 'text must not be empty').max(5000, 'text must be at most 5000 characters'),
    tags: z
      .array(z.string().trim().toLowerCase().min(1, 'a tag must not be empty').max(40, 'a tag must be at most 40 characters'))
      .max(20, 'at most 20 tags')
      .optional(),
  })
  .strict();
export type CannedReplyInput = z.infer<typeof CannedReplyInputSchema>;

/** A reply agents paste into answers; `{name}` in `text` stands for the customer's first name. */
export const CannedReplySchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  locale: CannedReplyLocaleSchema,
  text: z.string(),
  tags: z.array(z.string()),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().optional(),
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

export class CannedReplyConflictError extends OuvidorError {
  constructor(options?: { cause?: unknown }) {
    super(409, 'version_conflict', 'The canned reply changed since you read it; read it again and reapply your change.', options);
  }
}

/** Seeded on the first list when none exist (deterministic ids, so concurrent seeding writes each once). */
export const DEFAULT_CANNED_REPLIES: readonly (CannedReplyInput & { id: string })[] = [
  {
    id: 'default-pt-br-thanks',
    title: 'Agradecimento',
    locale: 'pt-BR',
    text: 'Olá, {name}! Muito obrigado pelo seu retorno. Ele foi registrado e encaminhado à equipe responsável.',
    tags: ['agradecimento'],
  },
  {
    id: 'default-pt-br-investigating',
    title: 'Em análise',
    locale: 'pt-BR',
    text: 'Olá, {name}. Sentimos muito pelo ocorrido. Já estamos verificando e retornaremos em até 2 dias úteis.',
    tags: ['reclamacao'],
  },
  {
    id: 'default-pt-br-resolved',
    title: 'Resolvido',
    locale: 'pt-BR',
    text: 'Olá, {name}. Sua solicitação foi resolvida. Se algo ainda não estiver certo, é só responder esta mensagem.',
    tags: ['resolucao'],
  },
  {
    id: 'default-en-thanks',
    title: 'Thank you',
    locale: 'en',
    text: 'Hi {name}, thank you for your feedback. It has been recorded and passed on to the right team.',
    tags: ['thanks'],
  },
  {
    id: 'default-en-investigating',
    title: 'Looking into it',
    locale: 'en',
    text: "Hi {name}, we're sorry about this. We are looking into it and will get back to you within 2 business days.",
    tags: ['complaint'],
  },
  {
    id: 'default-en-resolved',
    title: 'Resolved',
    locale: 'en',
    text: 'Hi {name}, your request has been resolved. If anything is still not right, just reply to this message.',
    tags: ['resolution'],
  },
];
