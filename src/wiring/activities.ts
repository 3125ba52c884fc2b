import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createActivities, type Activities, type ActivityInvocation } from '../activities';
import { durableMeetingWorkflow } from '../adapters/durable/meeting-workflow';
import { appDeps } from './container';

let activities: Activities | undefined;

/**
 * The handler that `functions/workflows.ts` registers for activity `key`: the activities are built
 * over the app's dependencies on first use (configuration is read then, not at import).
 */
export function activityHandler<K extends keyof Activities>(key: K) {
  return (input: Parameters<Activities[K]>[0], context: InvocationContext): ReturnType<Activities[K]> => {
    activities ??= createActivities(appDeps());
    // Every activity takes (input, invocation); TypeScript cannot see that through the key's union.
    const activity = activities[key] as (input: Parameters<Activities[K]>[0], invocation: ActivityInvocation) => ReturnType<Activities[K]>;
    return activity(input, { workflow: () => durableMeetingWorkflow(df.getClient(context)) });
  };
}
