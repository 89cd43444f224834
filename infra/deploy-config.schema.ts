import * as z from 'zod';
import { COMPREHEND_ESCALATIONS } from '../shared/adapters/comprehend-analyzer.adapter.js';
import { DEFAULT_CASCADE_THRESHOLD } from '../shared/adapters/offline-analyzer/confidence.js';
import { COMPREHEND_REGIONS, SES_RECEIVING_REGIONS, suggestedAnalysisRegion } from './region-support.data.js';

/** The stage every physical name carries when `-c stage=...` is not given. */
export const DEFAULT_STAGE = 'dev';
/** The stage that must keep its data and may not run on placeholder settings. */
export const PRODUCTION_STAGE = 'prod';

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL = /^[^\s@<>"]+@([^\s@<>"]+)$/;
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;
/** RFC 2606 / 6761 placeholder domains: fine on a sandbox stage, never in production. */
const PLACEHOLDER_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const boolish = z.preprocess(blankToUndefined, z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]));
const listish = z.preprocess(
  blankToUndefined,
  z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean)),
);
const optionalString = (schema: z.ZodString) => z.preprocess(blankToUndefined, schema.optional());

const DeployConfigSchema = z
  .object({
    stage: z.preprocess(
      blankToUndefined,
      z.string().regex(/^[a-z][a-z0-9]{0,11}$/, 'a stage is 1-12 lowercase letters or digits, starting with a letter (it prefixes every physical name)').default(DEFAULT_STAGE),
    ),
    region: optionalString(z.string().regex(REGION, 'not an AWS region name (e.g. sa-east-1)')),
    analysisRegion: optionalString(z.string().regex(REGION, 'not an AWS region name (e.g. us-east-1)')),
    inboundEmail: boolish.default(true),
    alertEmail: optionalString(z.string().regex(EMAIL, 'not an email address')),
    retainData: boolish.default(true),
    emailIdentity: z.preprocess(
      blankToUndefined,
      z.string().refine((v) => DOMAIN.test(v) || EMAIL.test(v), 'a domain (loja.example) or an address (atendimento@loja.example)').default('example.com'),
    ),
    emailFrom: z.preprocess(blankToUndefined, z.string().default('"Ouvidor" <feedback@example.com>')),
    corsAllowOrigins: listish
      .pipe(z.array(z.string().refine((o) => o === '*' || ORIGIN.test(o), 'each origin is * or scheme://host[:port], without a path')).min(1))
      .default(['*']),
    inboundEmailRecipients: listish
      .pipe(z.array(z.string().refine((r) => DOMAIN.test(r) || EMAIL.test(r), 'each recipient is an address or a domain')))
      .default([]),
    cascadeThreshold: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(1).default(DEFAULT_CASCADE_THRESHOLD)),
    cascadeEscalate: z.enum(COMPREHEND_ESCALATIONS, { error: () => `must be one of ${COMPREHEND_ESCALATIONS.join(', ')}` }).default('sentiment'),
    originalsRetentionDays: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(90)),
    logLevel: z.preprocess(
      (v) => (typeof v === 'string' && v !== '' ? v.toUpperCase() : blankToUndefined(v)),
      z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    ),
    threatProtection: boolish.default(true),
  })
  .superRefine((c, ctx) => {
    const issue = (path: keyof typeof c, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.analysisRegion && !COMPREHEND_REGIONS.includes(c.analysisRegion)) {
      issue('analysisRegion', `${c.analysisRegion} has no Amazon Comprehend endpoint; choose one of ${COMPREHEND_REGIONS.join(', ')}`);
    }
    if (c.region && !c.analysisRegion && !COMPREHEND_REGIONS.includes(c.region)) {
      issue('analysisRegion', `${c.region} has no Amazon Comprehend endpoint: set the region the analysis calls, e.g. -c ouvidor:analysisRegion=${suggestedAnalysisRegion(c.region)}`);
    }
    if (c.region && c.inboundEmail && !SES_RECEIVING_REGIONS.includes(c.region)) {
      issue(
        'inboundEmail',
        `SES does not receive email in ${c.region} (receiving regions: ${SES_RECEIVING_REGIONS.join(', ')}): deploy with -c ouvidor:inboundEmail=false ` +
          '(email then reaches Ouvidor through POST /v1/channels/email), or choose a receiving region',
      );
    }
    const fromAddress = /<([^>]+)>\s*$/.exec(c.emailFrom)?.[1] ?? c.emailFrom.trim();
    const fromDomain = EMAIL.exec(fromAddress)?.[1];
    if (!fromDomain) issue('emailFrom', `"${c.emailFrom}" has no address; e.g. "Loja" <atendimento@${c.emailIdentity.split('@').pop()}>`);
    else if (c.emailIdentity.includes('@') ? fromAddress.toLowerCase() !== c.emailIdentity.toLowerCase() : fromDomain.toLowerCase() !== c.emailIdentity.toLowerCase()) {
      issue('emailFrom', `${fromAddress} is not sent from the SES identity ${c.emailIdentity} (context ouvidor:emailIdentity)`);
    }
    if (c.stage === PRODUCTION_STAGE) {
      if (!c.retainData) issue('retainData', 'the prod stage always retains its table, buckets and user pool');
      if (PLACEHOLDER_DOMAIN.test(c.emailIdentity.split('@').pop() ?? '')) {
        issue('emailIdentity', `${c.emailIdentity} is a placeholder: set your sending domain, e.g. -c ouvidor:emailIdentity=loja.example.com.br`);
      }
      if (c.corsAllowOrigins.includes('*')) {
        issue('corsAllowOrigins', 'prod needs the explicit origins of the sites that embed the widget, e.g. -c ouvidor:corsAllowOrigins=https://www.loja.example');
      }
      if (!c.alertEmail) issue('alertEmail', 'prod needs an address for the alarms, e.g. -c ouvidor:alertEmail=ops@loja.example');
    }
  });

export type DeployConfig = z.output<typeof DeployConfigSchema>;
export type DeployField = keyof z.input<typeof DeployConfigSchema>;

/** The context key (cdk.json or `-c key=value`) of every field, for reading and for error messages. */
export type DeployContextKeys = Readonly<Record<DeployField, string>>;

export class DeployConfigError extends Error {
  override readonly name = 'DeployConfigError';
}

/** Reads and validates the deploy context; throws one error that lists every bad key and how to fix it. */
export function parseDeployConfig(read: (key: string) => unknown, keys: DeployContextKeys): DeployConfig {
  // An empty value (`-c key=` or "" in cdk.json) means "not set": the default applies.
  const raw = Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, blankToUndefined(read(key))]));
  const parsed = DeployConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    return `  - ${keys[field as DeployField] ?? field}: ${i.message}`;
  });
  throw new DeployConfigError(`Invalid Ouvidor deploy context (cdk.json "context" or -c key=value):\n${lines.join('\n')}`);
}

/** `ouvidor-<stage>-<suffix>` (or `ouvidor-<stage>`): every explicit physical name goes through here. */
export function physicalName(stage: string, suffix?: string): string {
  return suffix ? `ouvidor-${stage}-${suffix}` : `ouvidor-${stage}`;
}
