import { ingestTranscript } from '../../shared/app/ingest-transcript.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/**
 * POST /v1/channels/phone (admin or agent): a transcript JSON as the body. Optional query:
 * `customerPhone`, `customerEmail`, `customerName` (who called), `agentSpeaker` (e.g. spk_1 for
 * plain Transcribe output), `agentId`.
 */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: 5 * 1024 * 1024, accept: ['json'] }))
  .handler(async (event) => {
    const q = event.queryStringParameters ?? {};
    const customer = {
      ...(q.customerPhone && { phone: q.customerPhone }),
      ...(q.customerEmail && { email: q.customerEmail }),
      ...(q.customerName && { name: q.customerName }),
    };
    const result = await ingestTranscript({ store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), objects: objectStore() }, {
      json: event.parsedBody!.value,
      customer,
      ...(q.agentSpeaker && { agentSpeaker: q.agentSpeaker }),
      ...(q.agentId && { agentId: q.agentId }),
    });
    return json(202, { id: result.id, status: 'accepted', duplicate: result.replayed, format: result.transcript.format, turns: result.transcript.turns.length });
  });
