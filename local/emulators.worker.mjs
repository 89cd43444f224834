// dynalite (DynamoDB), s3rver (S3) and fauxqs (SQS) on their own thread: the platform's handlers and the SDK clients keep
// the main thread, the emulated store gets the second core. Plain JavaScript: a worker needs no TS loader.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const S3rver = require('s3rver');
const { buildApp: fauxqsApp } = await import('fauxqs');

const { dynamoPath, s3Dir, resetOnClose } = workerData;
const ddb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dynamoPath && { path: dynamoPath }) });
await new Promise((ok, fail) => {
  ddb.once('error', fail);
  ddb.listen(0, '127.0.0.1', ok);
});
const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: s3Dir, silent: true, resetOnClose });
const s3Address = await s3.run();
// fauxqs's own start-up listens on every interface: its app, listened to on loopback only.
const sqs = fauxqsApp({ logger: false });
const sqsAddress = await sqs.listen({ port: 0, host: '127.0.0.1' });
parentPort.postMessage({ type: 'ready', dynamodbPort: ddb.address().port, s3Port: s3Address.port, sqsEndpoint: sqsAddress });

parentPort.on('message', async (message) => {
  if (message !== 'stop') return;
  await Promise.allSettled([
    new Promise((ok) => {
      ddb.close(() => ok());
      ddb.closeAllConnections?.();
    }),
    s3.close(),
    sqs.close(),
  ]);
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});
