import Module from 'node:module';
import type { FunctionCallback, FunctionMetadata, ProgrammingModel, Registration } from './core-types';
import type { StorageOutputs } from './output-bindings';

type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log';
type Hook = (context: Record<string, unknown>) => unknown;

/**
 * The devhost's implementation of `@azure/functions-core`: what the Azure Functions Node.js worker
 * injects into the app. `@azure/functions` and `durable-functions` call registerFunction /
 * setProgrammingModel on it while the app's entry files load, so every registration is captured with
 * its bindings exactly as the worker sees it.
 */
export class FunctionsCore {
  readonly registrations = new Map<string, Registration>();
  readonly hooks = new Map<HookName, Hook[]>();
  programmingModel: ProgrammingModel | undefined;
  /** Where storage output bindings are written (set by the host once storage is up). */
  outputs: StorageOutputs | undefined;
  readonly appHookData: Record<string, unknown> = {};

  /** The object `require('@azure/functions-core')` returns inside the app. */
  readonly module = {
    version: '4.0.0-devhost',
    hostVersion: '4.1000.0-devhost',
    registerFunction: (metadata: FunctionMetadata, callback: FunctionCallback) => this.register(metadata, callback),
    registerHook: (name: HookName, callback: Hook) => {
      const list = this.hooks.get(name) ?? [];
      list.push(callback);
      this.hooks.set(name, list);
      return { dispose: () => list.splice(list.indexOf(callback), 1) };
    },
    setProgrammingModel: (model: ProgrammingModel) => {
      this.programmingModel = model;
    },
    getProgrammingModel: () => this.programmingModel,
    log: (level: string, category: string, message: string) => {
      if (level !== 'debug' && level !== 'trace') console.log(`[${category}] ${message}`);
    },
    Disposable: class {
      constructor(private readonly onDispose: () => unknown) {}
      dispose(): unknown {
        return this.onDispose();
      }
    },
  };

  private register(metadata: FunctionMetadata, callback: FunctionCallback): { dispose(): void } {
    if (this.registrations.has(metadata.name)) {
      throw new Error(`A function named "${metadata.name}" is already registered.`);
    }
    const entry = Object.entries(metadata.bindings).find(([, b]) => typeof b.type === 'string' && /trigger$/i.test(b.type));
    if (!entry) throw new Error(`Function "${metadata.name}" has no trigger binding.`);
    const [triggerName, trigger] = entry;
    this.registrations.set(metadata.name, { metadata, callback, triggerName, trigger: trigger as Registration['trigger'] });
    return { dispose: () => this.registrations.delete(metadata.name) };
  }

  /** Runs the registered hooks of one kind in order, as the worker does. */
  async runHooks(name: HookName, context: Record<string, unknown>): Promise<void> {
    for (const hook of this.hooks.get(name) ?? []) await hook(context);
  }
}

let installed: FunctionsCore | undefined;

/**
 * Makes `require('@azure/functions-core')` resolve to `core` for every module loaded afterwards, the
 * way the worker's module loader does. Only one core can be installed per process.
 */
export function installFunctionsCore(core: FunctionsCore): void {
  if (installed) throw new Error('@azure/functions-core is already installed in this process.');
  installed = core;
  const moduleWithPrivates = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const id = '@azure/functions-core';
  const original = moduleWithPrivates._resolveFilename;
  moduleWithPrivates._resolveFilename = function resolve(request: string, ...rest: unknown[]): string {
    return request === id ? id : original.call(this, request, ...rest);
  };
  const cached = new Module(id);
  cached.exports = core.module;
  cached.loaded = true;
  moduleWithPrivates._cache[id] = cached;
}
