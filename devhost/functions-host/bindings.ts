import type { FunctionsCore } from './functions-core';
import type { RpcBindingInfo } from './core-types';
import { bindingConnection } from './output-bindings';

/** Binding types the devhost serves, by role; anything else is refused when the app loads. */
export const SUPPORTED_BINDINGS = {
  trigger: ['httpTrigger', 'timerTrigger', 'orchestrationTrigger', 'activityTrigger', 'entityTrigger', 'eventGridTrigger'],
  in: ['durableClient', 'orchestrationClient'],
  /** http: the HTTP response; queue / blob / table: written to Azurite (output.storageQueue / storageBlob / table). */
  out: ['http', 'queue', 'blob', 'table'],
} as const;

/** Properties that are not binding expressions (`%Setting%` is resolved in every other string). */
const NOT_EXPRESSIONS = new Set(['type', 'direction', 'name']);

const role = (b: RpcBindingInfo): 'trigger' | 'in' | 'out' => (/trigger$/i.test(String(b.type)) ? 'trigger' : b.direction === 'out' ? 'out' : 'in');

/**
 * Checks every registered function's bindings as the host indexes them: a binding type the devhost
 * does not serve, or a `%Setting%` that no setting resolves, stops the start with one message naming
 * each function, binding and setting. Resolved references are substituted in place.
 */
export function checkBindings(core: FunctionsCore, env: NodeJS.ProcessEnv): void {
  const problems: string[] = [];
  for (const reg of core.registrations.values()) {
    for (const [name, b] of Object.entries(reg.metadata.bindings)) {
      const r = role(b);
      const supported: readonly string[] = SUPPORTED_BINDINGS[r];
      if (!supported.includes(String(b.type))) {
        problems.push(`function '${reg.metadata.name}', binding '${name}': ${r === 'trigger' ? 'trigger' : `${r}put binding`} type '${String(b.type)}' is not supported by the devhost (supported: ${supported.join(', ')}).`);
        continue;
      }
      if (r === 'out' && b.type !== 'http') {
        try {
          bindingConnection(b, env);
        } catch (err) {
          problems.push(`function '${reg.metadata.name}', binding '${name}': ${(err as Error).message}`);
        }
      }
      for (const [prop, value] of Object.entries(b)) {
        if (NOT_EXPRESSIONS.has(prop) || typeof value !== 'string' || !value.includes('%')) continue;
        b[prop] = value.replace(/%([^%]+)%/g, (whole, setting: string) => {
          const v = env[setting];
          if (v === undefined) problems.push(`function '${reg.metadata.name}', binding '${name}': ${prop} '${value}' refers to app setting '${setting}', which is not set.`);
          return v ?? whole;
        });
      }
    }
  }
  if (problems.length > 0) throw new Error(`The app cannot run on the devhost:\n  - ${problems.join('\n  - ')}`);
}
