/**
 * How the analysis queue is consumed, shared by the CDK event source mapping and the local poller so both
 * run the processor the same way: batches of up to 10 messages, at most 10 batches at a time.
 */
export const PROCESSOR_BATCH_SIZE = 10;
/** The event source mapping's `maxConcurrency` on AWS; the number of parallel pollers locally. */
export const PROCESSOR_MAX_CONCURRENCY = 10;

/**
 * How the workflow queue (EventBridge rule → SQS → `run-workflows`) is consumed, on AWS and locally: a
 * failed record comes back after the visibility timeout, and after `WORKFLOW_MAX_RECEIVES` receives
 * the queue's redrive policy moves it to the workflow DLQ (alarmed). The use case counts its
 * deliveries against the same number, so the item says "will retry" only when a delivery is left.
 */
export const WORKFLOW_BATCH_SIZE = 10;
export const WORKFLOW_MAX_CONCURRENCY = 5;
export const WORKFLOW_MAX_RECEIVES = 5;
export const WORKFLOW_FUNCTION_TIMEOUT_S = 60;
/** AWS guidance: a queue's visibility timeout >= 6x its function's timeout; also the wait between two deliveries. */
export const WORKFLOW_VISIBILITY_TIMEOUT_S = 6 * WORKFLOW_FUNCTION_TIMEOUT_S;
/** Lambda's asynchronous invocations (S3/SES events): retries after a function error, then the on-failure destination. */
export const ASYNC_RETRY_ATTEMPTS = 2;
