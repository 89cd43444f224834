/**
 * How the analysis queue is consumed, shared by the CDK event source mapping and the local poller so both
 * run the processor the same way: batches of up to 10 messages, at most 10 batches at a time.
 */
export const PROCESSOR_BATCH_SIZE = 10;
/** The event source mapping's `maxConcurrency` on AWS; the number of parallel pollers locally. */
export const PROCESSOR_MAX_CONCURRENCY = 10;
