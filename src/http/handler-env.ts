import type { InvocationContext } from '@azure/functions';
import type { AppDeps } from '../app/deps';
import type { MeetingWorkflow } from '../ports/meeting-workflow';

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
