import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { receiveSocialWebhook } from '../../shared/app/receive-social-webhook.use-case.js';
import { ChannelNotConfiguredError, UnknownChannelError } from '../../shared/domain/channel.errors.js';
import { ForbiddenError, PayloadTooLargeError } from '../../shared/domain/errors.js';
import { SocialProviderSchema } from '../../shared/domain/social-mention.schema.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { socialWebhookProviders } from '../../shared/runtime/compose/social.js';
import { json, jsonErrors, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

const MAX_BYTES = 1024 * 1024;

/** GET|POST /v1/channels/social/{provider}: subscription handshakes and signed mention webhooks. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .handler(async (event) => {
    const name = event.pathParameters?.provider ?? '';
    if (!SocialProviderSchema.safeParse(name).success) throw new UnknownChannelError(name, SocialProviderSchema.options);
    const provider = (await socialWebhookProviders())[name];
    if (!provider) throw new ChannelNotConfiguredError(`social/${name}`);

    if (event.requestContext.http.method === 'GET') {
      const answer = provider.handshake(event.queryStringParameters ?? {});
      if (!answer) throw new ForbiddenError('Subscription check refused.');
      return { statusCode: 200, headers: { 'content-type': answer.contentType }, body: answer.body };
    }
    const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (rawBody.length > MAX_BYTES) throw new PayloadTooLargeError(MAX_BYTES);
    const result = await receiveSocialWebhook({ store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), objects: objectStore() }, provider, { rawBody, headers: event.headers, nowMs: Date.now() });
    return json(200, result);
  });
