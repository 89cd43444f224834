import YAML from 'yaml';
import type { ErrorDetail } from '../errors.js';
import { InvalidRulesError } from './rules.errors.js';
import { RulesDocumentSchema, type RulesDocument } from './rules.schema.js';

/**
 * The rules document as text (admins' JSON or YAML). Its own module: the functions that only
 * apply the rules (the processor, the workflows) do not carry the YAML parser.
 */

export type RulesFormat = 'json' | 'yaml';
const MAX_RULES_BYTES = 512 * 1024;

/**
 * Parses and validates a rules document; throws `InvalidRulesError` naming every bad path. The
 * cross-checks (unique ids, known teams, template audiences) run once the structure is valid.
 */
export function parseRulesDocument(text: string, format: RulesFormat): RulesDocument {
  if (text.length > MAX_RULES_BYTES) throw new InvalidRulesError(`The rules document is larger than ${MAX_RULES_BYTES} characters.`);
  let raw: unknown;
  if (format === 'json') {
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new InvalidRulesError('The rules document is not valid JSON.', [{ field: '', message: (cause as Error).message }], { cause });
    }
  } else {
    const parsed = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (parsed.errors.length > 0) {
      const details = parsed.errors.map((e) => ({ field: '', message: (e.message.split('\n')[0] ?? e.message).replace(/:$/, '') }));
      throw new InvalidRulesError('The rules document is not valid YAML.', details, { cause: parsed.errors[0] });
    }
    raw = parsed.toJS({ maxAliasCount: 100 });
  }
  const result = RulesDocumentSchema.safeParse(raw);
  if (!result.success) {
    const details: ErrorDetail[] = result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
    throw new InvalidRulesError(`The rules document is invalid: ${details.map((d) => d.field || '(document)').join(', ')}.`, details, {
      cause: result.error,
    });
  }
  return result.data;
}

/** The document as JSON (2-space indent) or YAML, both ending with a newline; parses back to an equal document. */
export function serializeRulesDocument(doc: RulesDocument, format: RulesFormat): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : YAML.stringify(doc, { lineWidth: 0 });
}
