import * as df from 'durable-functions';
import { decorateWorkflow } from '../adapters/devhost-hooks';
import { durableMeetingWorkflow } from '../adapters/durable/meeting-workflow';
import { appDeps } from './container';
import type { HandlerEnv } from '../http/handler-env';

/** The production environment of the HTTP handlers: the process's dependencies and the invocation's durable client. */
export const handlerEnv: HandlerEnv = {
  deps: appDeps,
  workflow: (context) => decorateWorkflow(durableMeetingWorkflow(df.getClient(context))),
};
