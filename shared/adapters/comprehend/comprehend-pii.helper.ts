import { DetectPiiEntitiesCommand, type ComprehendClient, type LanguageCode } from '@aws-sdk/client-comprehend';
import type { PiiEntity } from '../../domain/analysis.schema.js';
import { withThrottleRetry, type RetryPolicy } from './comprehend-retry.helper.js';
import { fromComprehendEntities } from './pii-redaction.helper.js';
import { MAX_PII_DOCUMENT_BYTES, splitByUtf8Limit } from './utf8-chunker.helper.js';

/**
 * DetectPiiEntities over the whole text (cut under its 100 KB limit when needed), entities
 * mapped to PiiEntity with UTF-16 offsets of the whole text. Throws on failure.
 */
export async function detectPiiWithComprehend(
  client: ComprehendClient,
  policy: RetryPolicy,
  text: string,
  language: LanguageCode,
): Promise<PiiEntity[]> {
  const found: PiiEntity[] = [];
  for (const chunk of splitByUtf8Limit(text, MAX_PII_DOCUMENT_BYTES, language)) {
    if (chunk.text.trim() === '') continue;
    const command = new DetectPiiEntitiesCommand({ Text: chunk.text, LanguageCode: language });
    const response = await withThrottleRetry(() => client.send(command), policy, 'DetectPiiEntities');
    found.push(...fromComprehendEntities(chunk.text, chunk.offset, response.Entities ?? []));
  }
  return found;
}
