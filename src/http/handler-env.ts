import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AppDeps } from '../app/deps';
import { ConfigError } from '../config';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import { problem } from './problem';

/**
 * What the HTTP handler factories are built from (src/wiring builds the production one; tests may
 * pass their own). Dependencies come lazily, on the first request, so configuration is read then and
 * not when the functions are registered.
 */
export interface HandlerEnv {
  readonly deps: () => AppDeps;
  /** The meeting orchestrations, through the invocation's durable client binding. */
  readonly workflow: (context: InvocationContext) => MeetingWorkflow;
}

/** 503 naming the settings when the configuration is invalid: every route fails closed, never a 500. */
export function misconfigured(err: ConfigError): HttpResponseInit {
  return problem(503, 'Configuration invalid', 'The service is not configured correctly; an operator must fix its app settings (see /api/health).', err.problems.map((p) => ({ path: p.variable, message: p.message })));
}

type Handler = (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** A stored row that fails its schema (adapters throw `CorruptRowError`, code STORED_ROW_CORRUPT). */
const isCorruptRow = (err: unknown): err is Error => err instanceof Error && (err as { code?: unknown }).code === 'STORED_ROW_CORRUPT';

/**
 * The handlers with an invalid configuration answered as {@link misconfigured}, and a stored row
 * that cannot be read as a 500 problem naming its table, key and fields (never its data), instead of
 * the host's bare 500.
 */
export function guardAll<T extends Record<string, Handler>>(handlers: T): T {
  const guard = (handler: Handler): Handler => async (req, context) => {
    try {
      return await handler(req, context);
    } catch (err) {
      if (err instanceof ConfigError) return misconfigured(err);
      if (isCorruptRow(err)) {
        context.error(err.message);
        return problem(500, 'Stored data corrupt', `${err.message}. It cannot be read; an operator must repair or remove that row.`);
      }
      throw err;
    }
  };
  return Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, guard(handler)])) as T;
}
