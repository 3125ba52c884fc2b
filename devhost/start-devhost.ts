import { devServices, redactPath } from './dev-services/dev-services';
import { durableExtension } from './durable/extension';
import type { Engine } from './durable/engine';
import { TESTED_SDK_VERSIONS } from './durable/protocol';
import { startFunctionsHost, type FunctionsHost } from './functions-host/host';
import { checkInstalledVersions } from './functions-host/installed-versions';
import { consoleLogger, type Logger } from './functions-host/logger';
import { TESTED_STORAGE_VERSIONS } from './functions-host/storage';

export interface DevhostOptions {
  appDir: string;
  port?: number;
  /** Where Azurite keeps its data; null keeps everything in memory. */
  dataDir: string | null;
  log?: Logger;
}

/** The running devhost: the generic Functions host with the Durable extension and the dev services. */
export interface Devhost extends FunctionsHost { engine: Engine }

/** Assembles the three parts; the only place that knows all of them. */
export async function startDevhost(opts: DevhostOptions): Promise<Devhost> {
  const log = opts.log ?? consoleLogger();
  // The app's own durable-functions runs the replay; Azurite is the devhost's.
  const warnings = [
    ...checkInstalledVersions({ tested: TESTED_SDK_VERSIONS, from: opts.appDir }),
    ...checkInstalledVersions({ tested: TESTED_STORAGE_VERSIONS, from: __dirname }),
  ];
  warnings.forEach((w) => log.warn(w));
  const durable = durableExtension();
  // Dev services first: their pages lead the banner, and they read the engine only once it runs.
  const host = await startFunctionsHost({ ...opts, log, extensions: [devServices(durable), durable], redactPath });
  return { ...host, engine: durable.engine };
}
