/** The `ouvidor` command line: every user-facing command. */
const USAGE = `Usage: ouvidor <command> [options]

Commands:
  start                         run the whole platform locally (PORT, OUVIDOR_DATA_DIR)
  token --role <r> --sub <user> print a local bearer token (roles: admin, agent)
  analyze [--engine offline]    analyze JSON lines from stdin, one JSON line out per input
  users add --email <e> --role <r> [--name <n>] [--password <p>]
                                add a local user (prints a generated password when none is given)
  users list                    list the local users
  seed [--items 2000] [--days 90] [--seed 1]
                                write a realistic demo data set (pt-BR and English) over the last days
  metrics rebuild [--table <t>] recompute the metrics aggregates from the items (locally, or a deployed table)
  email-event --bounce|--complaint <address>
                                play an SES bounce or complaint: the address becomes unreachable
  bench [--items 2000] [--concurrency 32] [--json] [--save]
                                measure the local platform end to end (docs/benchmarks.md)
  cost [--json] [--region r]    cost per million items of the synthesized deployment (list prices, stated assumptions)
`;

const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  start: async () => (await import('./commands/start.command.js')).startCommand,
  token: async () => (await import('./commands/token.command.js')).tokenCommand,
  analyze: async () => (await import('./commands/analyze-cli.command.js')).analyzeCliCommand,
  users: async () => (await import('./commands/users.command.js')).usersCommand,
  seed: async () => (await import('./commands/seed.command.js')).seedCommand,
  metrics: async () => (await import('./commands/metrics.command.js')).metricsCommand,
  bench: async () => (await import('./commands/bench.command.js')).benchCommand,
  'email-event': async () => (await import('./commands/email-event.command.js')).emailEventCommand,
  cost: async () => (await import('./commands/cost.command.js')).costCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`ouvidor: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ouvidor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
