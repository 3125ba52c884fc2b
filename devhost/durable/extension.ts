import type { RpcTypedData } from '../functions-host/core-types';
import type { HostExtension, HostServices } from '../functions-host/extension';
import { Engine } from './engine';
import { DURABLE_PREFIX, durableClientData, handleDurableApi } from './http-api';
import { LongTimer, isClient } from './protocol';
import { EntityStore } from './entity-store';
import { DurableStore } from './store';

/** The Durable Task extension as a host extension; `engine` exists once the host has started it. */
export interface DurableExtension extends HostExtension {
  readonly engine: Engine;
}

/**
 * Plays the Durable extension's part in the host: the task hub in the app's storage account, the
 * durableClient binding, the extension's HTTP API, and the engine that runs orchestrations.
 */
export function durableExtension(): DurableExtension {
  let engine: Engine | undefined;
  let clientInput: RpcTypedData | undefined;
  let hub = '';
  const started = (): Engine => {
    if (!engine) throw new Error('The durable extension has not started yet.');
    return engine;
  };
  return {
    get engine() {
      return started();
    },
    async start(h: HostServices) {
      hub = h.hostJson.hubName;
      const store = new DurableStore(h.connectionString, hub);
      await store.init();
      const input: RpcTypedData = { string: JSON.stringify(durableClientData(h.url, h.hostJson.hubName)) };
      clientInput = input;
      engine = new Engine({
        store, entities: new EntityStore(h.connectionString, hub), core: h.core, clock: h.clock, log: h.log, clientInput: () => input,
        maxConcurrentActivities: h.hostJson.maxConcurrentActivities,
        maxConcurrentOrchestrations: h.hostJson.maxConcurrentOrchestrations,
        timers: { maximumShortTimerMs: LongTimer.MAXIMUM_SHORT_MS, longRunningTimerIntervalMs: LongTimer.INTERVAL_MS },
      });
      const resumed = await engine.start();
      if (resumed.messages + resumed.activities > 0) h.log.info(`Resumed ${resumed.messages} pending message(s) and ${resumed.activities} activit(ies) from storage.`);
    },
    inputBinding: (type) => (isClient(type) ? clientInput : undefined),
    routes: () => [{ path: `${DURABLE_PREFIX}/`, prefix: true, handle: async (req, res, url, body) => void (await handleDurableApi({ engine: started(), hub }, req, res, url, body.toString('utf8'))) }],
    pages: () => [{ name: 'durable', path: `${DURABLE_PREFIX}/instances` }],
    stop: () => engine?.stop(),
  };
}
