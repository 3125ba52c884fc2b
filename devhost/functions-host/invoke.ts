import { randomUUID } from 'node:crypto';
import type { FunctionsCore } from './functions-core';
import type { CoreInvocationContext, Registration, RpcInvocationResponse, RpcParameterBinding, RpcTypedData } from './core-types';
import type { Logger } from './logger';
import { expressionValues } from './binding-expressions';
import { writeOutputs } from './output-bindings';

export interface InvocationOutcome {
  invocationId: string;
  /** The handler's return value, before the programming model serialises it. */
  result: unknown;
  response: RpcInvocationResponse;
}

export interface InvocationRequest {
  triggerData: RpcTypedData;
  /** Data for non-trigger input bindings, by binding type (e.g. durableClient). */
  extraInputs?: (binding: { type: string; name: string }) => RpcTypedData | undefined;
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

/**
 * Invokes a registered function the way the Node.js worker does: builds the RPC invocation request,
 * asks the app's programming model (from @azure/functions) for an invocation model, runs the hooks
 * and returns both the raw result and the RPC response the host would receive.
 */
export async function invokeFunction(core: FunctionsCore, reg: Registration, req: InvocationRequest, log: Logger): Promise<InvocationOutcome> {
  const model = core.programmingModel;
  if (!model) throw new Error('The app did not set a programming model: does it import @azure/functions?');
  const invocationId = randomUUID();
  const inputData: RpcParameterBinding[] = [{ name: reg.triggerName, data: req.triggerData }];
  for (const [name, binding] of Object.entries(reg.metadata.bindings)) {
    if (name === reg.triggerName || binding.direction !== 'in' || typeof binding.type !== 'string') continue;
    const data = req.extraInputs?.({ type: binding.type, name });
    if (data) inputData.push({ name, data });
  }
  const functionName = reg.metadata.name;
  const coreCtx: CoreInvocationContext = {
    invocationId,
    request: {
      invocationId,
      functionId: reg.metadata.functionId ?? functionName,
      inputData,
      triggerMetadata: req.triggerMetadata ?? {},
      retryContext: req.retryContext ?? null,
    },
    metadata: { name: functionName, bindings: reg.metadata.bindings, functionId: reg.metadata.functionId ?? functionName },
    log: (level, category, message) => log.functionLog(functionName, invocationId, level, category, message),
  };
  const invocationModel = await model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocationModel.getArguments();
  const hookData: Record<string, unknown> = {};
  const pre = { invocationContext: context, inputs, functionCallback: reg.callback, hookData, appHookData: core.appHookData };
  coreCtx.state = 'preInvocationHooks';
  await core.runHooks('preInvocation', pre);
  coreCtx.state = 'invocation';
  let result: unknown;
  let error: unknown;
  try {
    result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (err) {
    error = err;
  }
  const post = { invocationContext: context, inputs: pre.inputs, result, error, hookData, appHookData: core.appHookData };
  coreCtx.state = 'postInvocationHooks';
  await core.runHooks('postInvocation', post);
  coreCtx.state = undefined;
  if (post.error) throw post.error;
  const response = await invocationModel.getResponse(context, post.result);
  if (core.outputs) await writeOutputs(reg, response, core.outputs, expressionValues(req.triggerData));
  return { invocationId, result: post.result, response };
}

/** Turns any thrown value into an Error (the one place that does). */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
