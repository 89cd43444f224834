// Runs one function's synthesized bundle in this process, as the Lambda Node.js runtime would:
// imports `<asset dir>/<module>.mjs` once (init), then calls the named export for each event the
// parent sends over IPC ({ id, event }), answering { id, result } or { id, error }.
// argv: <asset dir> <handler, e.g. index.handler> <function name> <memory MB> <timeout s>
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [assetDir, handlerSpec, functionName, memory, timeoutSeconds] = process.argv.slice(2);
const [moduleName, exportName] = handlerSpec.split('.');
const mod = await import(pathToFileURL(join(assetDir, `${moduleName}.mjs`)).href);
const handler = mod[exportName];
if (typeof handler !== 'function') throw new Error(`${handlerSpec} is not a function in ${assetDir}`);

process.on('message', async ({ id, event }) => {
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
    memoryLimitInMB: memory,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'rehearsal',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    process.send({ id, result: result ?? null });
  } catch (error) {
    process.send({ id, error: { name: error?.name, message: error?.message, stack: error?.stack } });
  }
});
// The test process went away (crashed or killed): so does this sandbox.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
