import path from 'node:path';
import { startDevhost } from './host';
import { consoleLogger } from './logger';

/**
 * `npm start`: runs the compiled app on the devhost.
 *   --app DIR      the function app (default: the current directory)
 *   --port N       HTTP port (default: PORT, then local.settings.json Host.LocalHttpPort, then 7071)
 *   --data DIR     where Azurite keeps its data (default: DIR/.data)
 *   --in-memory    keep storage in memory (also DEVHOST_IN_MEMORY=1)
 *   --quiet        only warnings and errors
 */
function parseArgs(argv: string[]): { appDir: string; port?: number; dataDir: string | null; quiet: boolean } {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const appDir = path.resolve(get('--app') ?? process.cwd());
  const portText = get('--port') ?? process.env.PORT;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`The port '${portText}' is not a number between 0 and 65535.`);
  const inMemory = argv.includes('--in-memory') || process.env.DEVHOST_IN_MEMORY === '1';
  return { appDir, port, dataDir: inMemory ? null : path.resolve(get('--data') ?? path.join(appDir, '.data')), quiet: argv.includes('--quiet') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = consoleLogger({ quiet: args.quiet, verbose: process.env.DEVHOST_VERBOSE === '1' });
  const started = Date.now();
  const host = await startDevhost({ appDir: args.appDir, port: args.port, dataDir: args.dataDir, log });
  const lines = [
    '',
    `Meeting Communications devhost — ready in ${Date.now() - started} ms`,
    `  Settings: ${host.settingsFile}`,
    `  Storage:  ${host.storage}`,
    `  API:      ${host.url}${host.routePrefix}`,
    '',
    '  Functions:',
    ...[...host.core.registrations.values()].map((r) => {
      const route = host.httpRoutes.find((h) => h.reg === r);
      return route
        ? `    ${r.metadata.name.padEnd(28)} [${route.methods.join(',')}] ${host.url}${host.routePrefix}/${route.route.template}`
        : `    ${r.metadata.name.padEnd(28)} ${r.trigger.type}${r.trigger.type === 'timerTrigger' ? ` (${String(r.trigger.schedule)})` : ''}`;
    }),
    '',
    ...(host.httpRoutes.some((h) => h.route.template === 'manage') ? ['  Admin page:', `    ${host.url}${host.routePrefix}/manage   (sign in with a token: POST ${host.url}/dev/token {"roles":["Communications.Admin"]})`, ''] : []),
    '  Dev pages:',
    `    outbox      ${host.url}/dev/outbox         (messages the local outbox channel recorded)`,
    `    clock       ${host.url}/dev/clock          (GET; POST {"advance":"P1D"} to move time forward)`,
    `    token       ${host.url}/dev/token          (POST {"contactId":"C-77"} or {"roles":["Meetings.Cancel"]}: a bearer token)`,
    `    durable     ${host.url}/runtime/webhooks/durabletask/instances`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    host.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`devhost: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.DEVHOST_VERBOSE === '1' && err instanceof Error) console.error(err.stack);
  process.exit(1);
});
