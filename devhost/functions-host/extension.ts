import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VirtualClock } from './clock';
import type { RpcTypedData } from './core-types';
import type { FunctionsCore } from './functions-core';
import type { Logger } from './logger';
import type { HostJson } from './settings';
import type { TimerTriggers } from './timer-triggers';

/** What the host has set up by the time an extension is called. */
export interface HostServices {
  /** `http://127.0.0.1:PORT`, the address the host listens on. */
  url: string;
  appDir: string;
  core: FunctionsCore;
  clock: VirtualClock;
  log: Logger;
  hostJson: HostJson;
  /** The resolved AzureWebJobsStorage connection string. */
  connectionString: string;
  triggers: TimerTriggers;
  /** Saves the virtual clock's offset, so time never goes back across a restart. */
  persistClock(): Promise<void>;
}

/** A request the host hands to an extension before trying the app's HTTP functions. */
export interface ExtensionRoute {
  /** An exact path (`/dev/clock`), or with `prefix` every path below it. */
  path: string;
  prefix?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void>;
}

/** A page listed in the banner and at `GET /`. */
export interface ExtensionPage { name: string; path: string; note?: string }

/**
 * How something that is not the Functions host itself (the Durable extension, the dev services)
 * plugs into it. Every member is optional; the host calls them in this order: `beforeAppLoad`, the
 * app's entry files load, `start`, then timer triggers start; `stop` on shutdown, in reverse order.
 */
export interface HostExtension {
  /** Before the app's entry files load: rewrite settings, install decorators. */
  beforeAppLoad?(services: HostServices): Promise<void> | void;
  /** After the app has registered its functions and run its appStart hooks. */
  start?(services: HostServices): Promise<void>;
  routes?(): ExtensionRoute[];
  /** Data for an input binding of this type that the extension provides (e.g. durableClient). */
  inputBinding?(type: string): RpcTypedData | undefined;
  pages?(): ExtensionPage[];
  stop?(): Promise<void> | void;
}

/** The input bindings the extensions provide, as `invokeFunction` wants them. */
export function extensionInputs(extensions: readonly HostExtension[]): (binding: { type: string }) => RpcTypedData | undefined {
  return ({ type }) => {
    for (const e of extensions) {
      const data = e.inputBinding?.(type);
      if (data) return data;
    }
    return undefined;
  };
}
