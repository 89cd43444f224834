import { OuvidorError, ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { ServiceStandardsSchema } from '../domain/sla/service-standards.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../domain/sla/service-standards.schema.js';
import { DEFAULT_RULES } from '../domain/workflows/default-rules.js';
import { parseRulesDocument, serializeRulesDocument, type RulesFormat } from '../domain/workflows/rules-text.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { RULES_CONFIG, STANDARDS_CONFIG } from './workflows/workflow-context.js';

export class ConfigVersionConflictError extends OuvidorError {
  constructor(name: string, options?: { cause?: unknown }) {
    super(409, 'version_conflict', `The ${name} changed since you read them; read again and reapply your change.`, options);
  }
}

export type ConfigName = 'rules' | 'service-standards';

export interface ConfigView {
  readonly name: ConfigName;
  /** 0 while the shipped default is in force. */
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
  readonly document: unknown;
}

const STORED: Record<ConfigName, string> = { rules: RULES_CONFIG, 'service-standards': STANDARDS_CONFIG };

export async function readConfig(deps: { configs: ConfigStore }, name: ConfigName): Promise<ConfigView> {
  const stored = await deps.configs.get(STORED[name], { fresh: true });
  if (!stored) return { name, version: 0, document: name === 'rules' ? DEFAULT_RULES : DEFAULT_SERVICE_STANDARDS };
  return { name, version: stored.version, updatedAt: stored.updatedAt, ...(stored.updatedBy && { updatedBy: stored.updatedBy }), document: stored.value };
}

/** The rules as YAML (with the shipped document's layout), for admins who prefer to edit text. */
export const rulesAsText = (doc: unknown, format: RulesFormat) => serializeRulesDocument(parseRulesDocument(JSON.stringify(doc), 'json'), format);

/**
 * Replaces a document after validating it (rules: JSON or YAML; standards: JSON), under optimistic
 * concurrency: `expectedVersion` is the version the admin read (409 when it moved on).
 */
export async function writeConfig(
  deps: { configs: ConfigStore; clock: { now(): Date } },
  name: ConfigName,
  input: { text: string; format: RulesFormat; expectedVersion: number; by: string },
): Promise<ConfigView> {
  let document: unknown;
  if (name === 'rules') {
    document = parseRulesDocument(input.text, input.format);
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(input.text);
    } catch (cause) {
      throw new ValidationError('The service standards are not valid JSON.', [], { cause });
    }
    const parsed = ServiceStandardsSchema.safeParse(raw);
    if (!parsed.success) throw new ValidationError('Invalid service standards.', toErrorDetails(parsed.error), { cause: parsed.error });
    document = parsed.data;
  }
  const at = deps.clock.now().toISOString();
  if (!(await deps.configs.put(STORED[name], document, input.expectedVersion, at, input.by))) throw new ConfigVersionConflictError(name);
  return { name, version: input.expectedVersion + 1, updatedAt: at, updatedBy: input.by, document };
}
