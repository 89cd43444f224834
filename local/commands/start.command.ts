import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../data-dir.js';
import { startPlatform } from '../runtime.js';
import { RUNTIME_FILE } from '../on-disk-table.js';

/** `ouvidor start`: the whole platform on this machine until Ctrl-C. */
export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`ouvidor: invalid port '${values.port ?? process.env.PORT}'\n`);
    return 2;
  }
  const dir = dataDir({ ...process.env, ...(values['data-dir'] && { OUVIDOR_DATA_DIR: values['data-dir'] }) });
  process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';
  const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
  const platform = await startPlatform({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    smtpPort,
    dataDir: dir,
    pauseProcessing: process.env.OUVIDOR_PAUSE_PROCESSING === '1',
    // The queue consumers on their own thread, apart from the API (OUVIDOR_PIPELINE_THREAD=0: all on one).
    pipelineThread: process.env.OUVIDOR_PIPELINE_THREAD !== '0',
  });
  // Tells `ouvidor users list` where the running platform answers (it cannot open the locked table).
  writeFileSync(join(dir, RUNTIME_FILE), JSON.stringify({ url: platform.url, pid: process.pid }));
  process.stdout.write(
    `Ouvidor is running: console and form ${platform.url}/  API ${platform.url}/v1/feedback  SMTP localhost:${platform.smtpPort}  data ${dir}  (Ctrl-C stops)\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\nOuvidor: ${signal}, stopping...\n`);
      rmSync(join(dir, RUNTIME_FILE), { force: true });
      platform.stop().then(resolve, (e) => {
        console.error(e);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
