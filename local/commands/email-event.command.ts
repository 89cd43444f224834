import { parseArgs } from 'node:util';
import { dataDir } from '../data-dir.js';
import { callRunningPlatform } from '../on-disk-table.js';

const USAGE = `Usage:
  ouvidor email-event --bounce <address>      play an SES permanent bounce for the address
  ouvidor email-event --complaint <address>   play an SES complaint for the address
      (local runtime only: the running platform queues the event for the same email-events handler
      as on AWS; from then on no email goes to that address)
`;

/** `ouvidor email-event --bounce|--complaint <address>` through the running platform. */
export async function emailEventCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { bounce: { type: 'string' }, complaint: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`ouvidor email-event: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if ((values.bounce === undefined) === (values.complaint === undefined)) {
    process.stderr.write(`ouvidor email-event: give exactly one of --bounce or --complaint\n\n${USAGE}`);
    return 2;
  }
  const body = values.bounce !== undefined ? { type: 'bounce', address: values.bounce } : { type: 'complaint', address: values.complaint };
  const res = await callRunningPlatform(dataDir(), 'POST', '/v1/local/email-events', { body });
  if (!res) {
    process.stderr.write('ouvidor email-event: no platform is running on this data folder (start it with `npx ouvidor start`)\n');
    return 1;
  }
  if (!res.ok) {
    process.stderr.write(`ouvidor email-event: the running platform answered ${res.status}: ${await res.text()}\n`);
    return res.status === 400 ? 2 : 1;
  }
  const { sesMessageId } = (await res.json()) as { sesMessageId: string };
  process.stdout.write(`Queued an SES ${body.type} for ${body.address} (SES message id ${sesMessageId}); email-events marks it unreachable.\n`);
  return 0;
}
