import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { callCloudEvent, postCallbacks } from '../../devhost/dev-services/call-events';
import { errorBody, UUID_PATTERN, type Reply } from './acs-behaviours';

/** How the fake callee treats a call: picks up, is busy, does not answer, or waits for the test (`answer`). */
export type CalleeScript = 'answer' | 'busy' | 'noAnswer' | 'manual';

/** A call the loopback Call Automation server placed. */
export interface LoopbackCall {
  readonly callConnectionId: string;
  readonly to: string;
  readonly from: string;
  readonly callbackUri: string;
  readonly operationContext: string;
  readonly repeatabilityRequestId: string;
  readonly cognitiveServicesEndpoint: string | null;
  /** Every mid-call request, in order: what was spoken and asked. */
  readonly actions: Array<{ kind: 'recognize' | 'play' | 'transfer' | 'terminate'; body: Record<string, unknown> }>;
  state: 'ringing' | 'connected' | 'disconnected' | 'failed';
}

/** The Call Automation part of the loopback ACS server (acs-channels.md §2.2, §2.6). */
export interface CallsRoute {
  readonly calls: LoopbackCall[];
  /** createCall requests that placed a call (a repeat with the same Repeatability-Request-ID places none). */
  readonly placed: () => number;
  /** How calls to this number go (default: `answer`). */
  callee(to: string, script: CalleeScript): void;
  /** Keys the callee presses, one per recognition, in order (`''`: silence). Default: none (the test drives it). */
  presses(to: string, keys: string[]): void;
  /** Picks up a `manual` call: CallConnected. */
  answer(callConnectionId: string): Promise<number>;
  matches(method: string, path: string): boolean;
  handle(method: string, path: string, headers: IncomingHttpHeaders, body: unknown): Reply;
  /** Callbacks posted so far (event type and the callback URL's answer). */
  readonly posted: Array<{ type: string; status: number }>;
  /** Waits for every callback in flight. */
  idle(): Promise<void>;
  reset(): void;
}

const CONNECTIONS = /^\/calling\/callConnections(?:\/([^/:]+)(?::(recognize|play|transferToParticipant|terminate))?)?$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * `POST /calling/callConnections` (createCall: 201 with the connection's properties; the same
 * Repeatability-Request-ID again answers the same call without placing another), `…:recognize`,
 * `…:play`, `…:transferToParticipant` (202), `…:terminate` (204), `DELETE …` (204), `GET …` (200);
 * after each, the CloudEvent callbacks ACS would post to the call's `callbackUri`, echoing the
 * action's operationContext, as the callee script says.
 */
export function createCallsRoute(): CallsRoute {
  const calls: LoopbackCall[] = [];
  const byRepeatability = new Map<string, LoopbackCall>();
  const scripts = new Map<string, CalleeScript>();
  const keys = new Map<string, string[]>();
  const posted: Array<{ type: string; status: number }> = [];
  const inFlight = new Set<Promise<void>>();

  const emit = (call: LoopbackCall, type: Parameters<typeof callCloudEvent>[0], facts: Omit<Parameters<typeof callCloudEvent>[1], 'callConnectionId'>): void => {
    const event = callCloudEvent(type, { callConnectionId: call.callConnectionId, ...facts }, new Date());
    // After the answer to the request that caused it, as ACS does.
    const run = new Promise<void>((resolve) => setTimeout(resolve, 5))
      .then(() => postCallbacks(call.callbackUri, [event]))
      .then((status) => void posted.push({ type, status }))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };
  const connect = (call: LoopbackCall): void => {
    call.state = 'connected';
    emit(call, 'CallConnected', { operationContext: call.operationContext });
  };

  function create(headers: IncomingHttpHeaders, body: Record<string, unknown>): Reply {
    const requestId = headers['repeatability-request-id'];
    const target = (body.targets as Array<{ phoneNumber?: { value?: unknown } }> | undefined)?.[0]?.phoneNumber?.value;
    const source = (body.sourceCallerIdNumber as { value?: unknown } | undefined)?.value;
    const callbackUri = body.callbackUri;
    if (typeof requestId !== 'string' || !UUID_PATTERN.test(requestId)) return { status: 400, body: errorBody('BadRequest', 'Invalid Repeatability-Request-ID.') };
    if (typeof target !== 'string' || !E164.test(target) || typeof source !== 'string' || !E164.test(source) || typeof callbackUri !== 'string' || !/^https?:\/\//.test(callbackUri)) {
      return { status: 400, body: errorBody('BadRequest', 'Invalid create call request.') };
    }
    const earlier = byRepeatability.get(requestId);
    if (earlier) return { status: 201, body: properties(earlier) };
    const call: LoopbackCall = {
      callConnectionId: randomUUID(), to: target, from: source, callbackUri, operationContext: String(body.operationContext ?? ''), repeatabilityRequestId: requestId,
      cognitiveServicesEndpoint: ((body.callIntelligenceOptions as { cognitiveServicesEndpoint?: string } | undefined)?.cognitiveServicesEndpoint) ?? null, actions: [], state: 'ringing',
    };
    calls.push(call);
    byRepeatability.set(requestId, call);
    const script = scripts.get(target) ?? 'answer';
    if (script === 'answer') connect(call);
    if (script === 'busy' || script === 'noAnswer') {
      call.state = 'failed';
      emit(call, 'CreateCallFailed', { operationContext: call.operationContext, code: script === 'busy' ? 486 : 480, subCode: script === 'busy' ? 560486 : 560480 });
    }
    return { status: 201, body: properties(call) };
  }

  function act(call: LoopbackCall, action: string, body: Record<string, unknown>): Reply {
    const operationContext = typeof body.operationContext === 'string' ? body.operationContext : null;
    if (action === 'recognize') {
      if (body.recognizeInputType !== 'dtmf' || typeof (body.playPrompt as { text?: { text?: unknown } } | undefined)?.text?.text !== 'string') return { status: 400, body: errorBody('BadRequest', 'Invalid recognize request.') };
      call.actions.push({ kind: 'recognize', body });
      const key = keys.get(call.to)?.shift();
      if (key === '') emit(call, 'RecognizeFailed', { operationContext, code: 400, subCode: 8510 });
      else if (key !== undefined) emit(call, 'RecognizeCompleted', { operationContext, code: 200, subCode: 8531, tones: [key] });
      return { status: 202 };
    }
    if (action === 'play') {
      call.actions.push({ kind: 'play', body });
      emit(call, 'PlayCompleted', { operationContext, code: 200, subCode: 0 });
      return { status: 202 };
    }
    if (action === 'transferToParticipant') {
      call.actions.push({ kind: 'transfer', body });
      emit(call, 'CallTransferAccepted', { operationContext, code: 200, subCode: 7015 });
      return { status: 202, body: { operationContext } };
    }
    call.actions.push({ kind: 'terminate', body });
    call.state = 'disconnected';
    emit(call, 'CallDisconnected', { operationContext: call.operationContext, code: 200, subCode: 7000 });
    return { status: 204 };
  }

  return {
    calls,
    posted,
    placed: () => calls.length,
    callee: (to, script) => void scripts.set(to, script),
    presses: (to, pressed) => void keys.set(to, [...pressed]),
    async answer(callConnectionId) {
      const call = calls.find((c) => c.callConnectionId === callConnectionId);
      if (!call) return 404;
      connect(call);
      await Promise.allSettled([...inFlight]);
      return posted[posted.length - 1]?.status ?? 0;
    },
    matches: (_method, path) => CONNECTIONS.test(path),
    handle(method, path, headers, body) {
      const [, id, action] = CONNECTIONS.exec(path) as unknown as [string, string | undefined, string | undefined];
      const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (id === undefined) return method === 'POST' ? create(headers, request) : { status: 405, body: errorBody('MethodNotAllowed', 'Use POST.') };
      const call = calls.find((c) => c.callConnectionId === id);
      if (!call || call.state === 'disconnected' || call.state === 'failed') return { status: 404, body: errorBody('8522', 'Call not found.') };
      if (method === 'GET' && action === undefined) return { status: 200, body: properties(call) };
      if (method === 'DELETE' && action === undefined) return act(call, 'terminate', request);
      if (method === 'POST' && action !== undefined) return act(call, action, request);
      return { status: 405, body: errorBody('MethodNotAllowed', 'Not supported.') };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset() {
      calls.length = 0;
      posted.length = 0;
      byRepeatability.clear();
      scripts.clear();
      keys.clear();
    },
  };
}

/** CallConnectionPropertiesInternal as createCall and GET answer it. */
function properties(call: LoopbackCall): Record<string, unknown> {
  return {
    callConnectionId: call.callConnectionId, serverCallId: `server-${call.callConnectionId}`, correlationId: `corr-${call.callConnectionId}`,
    targets: [{ kind: 'phoneNumber', rawId: `4:${call.to}`, phoneNumber: { value: call.to } }],
    callConnectionState: call.state === 'connected' ? 'connected' : call.state === 'ringing' ? 'connecting' : 'disconnected',
    callbackUri: call.callbackUri, sourceCallerIdNumber: { value: call.from }, answeredBy: null,
  };
}
