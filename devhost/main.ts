import path from 'node:path';
import { productSections, DEVHOST_TITLE } from './dev-services/dev-services';
import { hostBanner } from './functions-host/banner';
import { consoleLogger } from './functions-host/logger';
import { startDevhost } from './start-devhost';

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
  console.log(hostBanner(host, { title: DEVHOST_TITLE, readyMs: Date.now() - started, sections: productSections(host) }));
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
