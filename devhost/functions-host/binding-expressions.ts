import { randomUUID } from 'node:crypto';
import type { RpcTypedData } from './core-types';

/**
 * Values `{name}` expressions in an output binding resolve to, as the host takes them from the
 * trigger: an HTTP request's route parameters, then its query, then the top-level properties of a
 * JSON body; `{rand-guid}` and `{DateTime}` as the host generates them.
 */
export function expressionValues(trigger: RpcTypedData): Record<string, string> {
  const http = trigger.http;
  const out: Record<string, string> = {};
  if (!http) return out;
  const body = http.body?.bytes ? Buffer.from(http.body.bytes).toString('utf8') : (http.body?.string ?? undefined);
  if (body) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
      }
    } catch {
      // not JSON: no body properties to bind
    }
  }
  Object.assign(out, http.query ?? {}, http.params ?? {});
  return out;
}

/** Resolves `{…}` in a binding property; an expression with no value fails the invocation, naming it. */
export function resolveExpressions(text: string, values: Record<string, string>, what: string): string {
  return text.replace(/\{([^{}]+)\}/g, (_m, name: string) => {
    if (name.toLowerCase() === 'rand-guid') return randomUUID();
    if (name === 'DateTime') return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const key = Object.keys(values).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new Error(`${what}: the binding expression '{${name}}' has no value in this invocation's trigger data.`);
    return values[key] as string;
  });
}
