import { initialCallState, operationContext, parseSendKey } from '../../domain';
import { callsCallbackUrl } from '../../domain/voice/callback-url';
import type { Dispatch } from '../../ports/dispatch';
import type { CallStep } from '../../workflows/steps';
import type { CallDeps } from './advance-call';
import { DIAL_TIMEOUT_MS } from './advance-call';
import { saveCall } from './save-call';
import { takeLine } from '../dispatch/take-line';

/**
 * The next attempt of a busy or unanswered call, at its retry time: dialled only if the meeting is
 * still the one called about and has not started. The attempt is marked dialled before the provider
 * is asked, so a crash here never dials twice (the attempt ends `unknown` instead). It takes a line
 * of the caller number first, as the first attempt did; none free → the retry moves to when one is
 * expected (released by the call's next round, whatever its outcome).
 */
export async function redialCall(deps: CallDeps, callId: string): Promise<CallStep> {
  const found = await deps.calls.get(callId);
  if (!found || found.call.retryAt === null) return { kind: 'wait', until: deps.clock.now().toISOString() };
  const call = found.call;
  const now = deps.clock.now();
  if (now.getTime() < Date.parse(call.retryAt as string)) return { kind: 'redial', at: call.retryAt as string };
  if (call.about.kind === 'meeting') {
    const record = (await deps.meetings.get(call.about.id))?.record;
    if (record?.status !== 'scheduled' || record.version !== parseSendKey(call.sendKey)?.version || now.getTime() >= Date.parse(record.start)) {
      await saveCall(deps, { ...call, retryAt: null, noRetry: true });
      deps.log.info(`call ${callId}: not called again (the meeting changed)`);
      return { kind: 'wait', until: now.toISOString() };
    }
  }
  const line = await takeLine(deps, 'voice', call.sendKey);
  if (!line.go) {
    await saveCall(deps, { ...call, retryAt: line.retryAt });
    deps.log.info(`call ${callId}: no free line, calling again at ${line.retryAt}`);
    return { kind: 'redial', at: line.retryAt };
  }
  const attempt = call.state.attempt + 1;
  const at = now.toISOString();
  const dialling = { ...call, state: { ...initialCallState(at), attempt }, callConnectionId: null, dialledAt: at, retryAt: null, updatedAt: at };
  if (!(await deps.calls.replace(dialling, found.etag))) return { kind: 'wait', until: at };
  const dispatch: Dispatch = {
    key: `${call.sendKey}~${attempt}`, about: call.about, channel: 'voice', to: call.to, content: { channel: 'voice', text: call.text }, firstSentAt: at, purpose: call.type,
  };
  let failure: string | undefined;
  try {
    const result = await deps.callControl.dial({ to: call.to, operationContext: operationContext(callId, attempt, 0), callbackUrl: callsCallbackUrl(deps.config), idempotencyKey: dispatch.key }, dispatch);
    if (result.status === 'sent') {
      await deps.calls.indexConnection(result.providerMessageId, callId);
      await saveCall(deps, { ...dialling, callConnectionId: result.providerMessageId });
    } else failure = result.reason;
  } catch (err) {
    failure = err instanceof Error ? err.name : 'error';
  }
  if (failure !== undefined) {
    deps.log.warn(`call ${callId}: attempt ${attempt} not placed (${failure})`);
    await saveCall(deps, { ...dialling, state: { ...dialling.state, phase: 'ended', outcome: 'failed', reason: `retry not placed: ${failure}`.slice(0, 300) } });
    return { kind: 'wait', until: at };
  }
  deps.log.info(`call ${callId}: attempt ${attempt} dialled`);
  return { kind: 'wait', until: new Date(now.getTime() + DIAL_TIMEOUT_MS).toISOString() };
}
