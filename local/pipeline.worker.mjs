// The pipeline thread's entry (local/pipeline-thread.ts): TypeScript through tsx's loader, registered
// in this thread (a worker does not inherit the main thread's loader hooks).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runPipelineThread } = await import('./pipeline-thread.ts');
await runPipelineThread(parentPort, workerData);
