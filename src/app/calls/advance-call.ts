import {
  ANSWERED_OUTCOMES, RETRIED_OUTCOMES, advanceCall, askText, closingText, operationContext, parseOperationContext, quietHoursRelease,
  type CallEffect, type MachineEvent, type Settings,
} from '../../domain';
import type { CallEvent, StoredCall } from '../../ports/calls';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { CallStep } from '../../workflows/steps';
import type { AppDeps } from '../deps';
import { publishCallEvent, publishCommunicationEvent } from '../events/publish-events';
import { cancelByVoice, confirmByVoice, type CallAnswerDeps } from './call-answers';
import { callSetup, type CallSetup } from './call-setup';
import { saveCall } from './save-call';
import { releaseLine, type LineDeps } from '../dispatch/take-line';

export type CallDeps = CallAnswerDeps & Pick<AppDeps, 'calls' | 'callControl' | 'settings' | 'ledger' | 'config'> & LineDeps;

/** No CallConnected or CreateCallFailed this long after a dial: `unknown` (ACS gives up on PSTN call setup after 115 s). */
export const DIAL_TIMEOUT_MS = 3 * 60_000;
/** No callback this long mid-call (a recognition times out within seconds): the call is hung up. */
export const SILENCE_TIMEOUT_MS = 5 * 60_000;

const deadline = (call: StoredCall): number => Date.parse(call.state.lastEventAt) + (call.state.phase === 'dialling' ? DIAL_TIMEOUT_MS : SILENCE_TIMEOUT_MS);

/**
 * A stored callback as the machine reads it. One that names no attempt and another connection than
 * the call's current one is from an earlier attempt: `other`, ignored.
 */
function machineEvent(call: StoredCall, event: CallEvent): MachineEvent {
  const context = parseOperationContext(event.operationContext);
  const foreign = context === undefined && call.callConnectionId !== null && event.callConnectionId !== call.callConnectionId;
  return {
    kind: foreign ? 'other' : event.kind, at: event.at,
    ...(context ? { attempt: context.attempt, step: context.step } : {}),
    ...(event.tone !== undefined ? { tone: event.tone } : {}),
    ...(event.code !== undefined ? { code: event.code } : {}),
    ...(event.subCode !== undefined ? { subCode: event.subCode } : {}),
  };
}

/**
 * The call orchestration's activity: applies every stored callback not applied yet (in arrival
 * order; the machine ignores duplicates and stale ones), acts on each transition, and says what the
 * orchestration does next. Effects run before the new state is saved, so a crash repeats an effect
 * rather than losing it (speaking twice is harmless; confirming and cancelling are idempotent).
 */
export async function advanceCallStep(deps: CallDeps, workflow: MeetingWorkflow, callId: string, timedOut: boolean): Promise<CallStep> {
  const found = await deps.calls.get(callId);
  if (!found) return { kind: 'done', outcome: 'gone' };
  let call = found.call;
  if (call.retryAt !== null) return { kind: 'redial', at: call.retryAt };
  const { settings } = await deps.settings.get();
  const setup = await callSetup(deps, call, settings);
  for (const { event } of await deps.calls.pendingEvents(callId)) {
    call = await apply(deps, workflow, call, machineEvent(call, event), setup, event.callConnectionId);
    await deps.calls.markApplied(callId, event.eventId);
  }
  const now = deps.clock.now();
  if (timedOut && call.state.phase !== 'ended' && now.getTime() >= deadline(call)) {
    call = await apply(deps, workflow, call, { kind: 'timeout', at: now.toISOString() }, setup, null);
  }
  if (call.state.phase !== 'ended') return { kind: 'wait', until: new Date(deadline(call)).toISOString() };
  return finish(deps, workflow, call, settings, setup);
}

async function apply(deps: CallDeps, workflow: MeetingWorkflow, call: StoredCall, event: MachineEvent, setup: CallSetup, connectionId: string | null): Promise<StoredCall> {
  const { state, effects } = advanceCall(call.state, event, setup.menu);
  if (state === call.state) return call;
  // The connection of this attempt, learnt from its first callback when createCall's answer was lost (a crash).
  const learnt = call.callConnectionId === null && connectionId !== null && event.attempt === call.state.attempt ? connectionId : null;
  if (learnt !== null) await deps.calls.indexConnection(learnt, call.callId);
  let next: StoredCall = { ...call, state, callConnectionId: call.callConnectionId ?? learnt, updatedAt: deps.clock.now().toISOString() };
  deps.log.info(`call ${call.callId}: ${call.state.phase} → ${state.phase} on ${event.kind}${state.outcome ? ` (${state.outcome})` : ''}`);
  // A key that could not answer (the meeting was cancelled, changed or started during the call) says goodbye instead.
  if (!(await runEffects(deps, workflow, next, effects, setup))) next = { ...next, state: { ...next.state, outcome: 'ended', reason: 'the meeting changed during the call' } };
  return saveCall(deps, next);
}

/** Runs a transition's effects; false when a confirm or cancel could not answer the meeting. */
async function runEffects(deps: CallDeps, workflow: MeetingWorkflow, call: StoredCall, effects: readonly CallEffect[], setup: CallSetup): Promise<boolean> {
  const speech = (text: string) => ({ text, voice: setup.voice, locale: setup.locale });
  const context = (step: number) => operationContext(call.callId, call.state.attempt, step);
  let answered = true;
  for (const effect of effects) {
    if (effect.kind === 'confirm') answered = await confirmByVoice(deps, workflow, call, setup.locale);
    else if (effect.kind === 'cancel') answered = await cancelByVoice(deps, workflow, call, setup.locale);
    else await media(deps, call, () => {
      const id = call.callConnectionId as string;
      switch (effect.kind) {
        case 'ask': return deps.callControl.ask(id, call.to, speech(askText(call.text, setup.menu, setup.locale, effect.again)), context(effect.step));
        case 'say': return deps.callControl.say(id, speech(closingText(answered ? effect.closing : 'goodbye', setup.locale)), context(effect.step));
        case 'transfer': return setup.connectTo === null ? deps.callControl.hangUp(id) : deps.callControl.transfer(id, setup.connectTo, context(effect.step));
        case 'hangUp': return deps.callControl.hangUp(id);
      }
    });
  }
  return answered;
}

/**
 * One mid-call action. A refused one (the customer hung up meanwhile, a provider hiccup after its
 * retries) is logged, not thrown: the call's callbacks, or its silence deadline, end it.
 */
async function media(deps: CallDeps, call: StoredCall, run: () => Promise<void>): Promise<void> {
  if (call.callConnectionId === null) {
    deps.log.warn(`call ${call.callId}: no connection to act on`);
    return;
  }
  try {
    await run();
  } catch (err) {
    deps.log.warn(`call ${call.callId}: mid-call action failed (${err instanceof Error ? err.name : 'error'})`);
  }
}

/**
 * An ended attempt gives its caller number's line back first (whatever its outcome; a retry takes
 * one again when it dials). Busy or no answer with a retry left → the next attempt's time (after
 * `voice.retry.afterMinutes`, out of the contact's quiet hours, before the start); otherwise the
 * outcome is recorded on the message's ledger row (answered → delivered; not answered → failed with
 * the reason; unknown stays sent) and published as `call.completed` / `call.failed`.
 */
async function finish(deps: CallDeps, workflow: MeetingWorkflow, call: StoredCall, settings: Settings, setup: CallSetup): Promise<CallStep> {
  const outcome = call.state.outcome ?? 'unknown';
  // Idempotent: a repeated round (a retried activity, a step after the redial was planned) changes nothing.
  await releaseLine(deps, 'voice', call.sendKey);
  const now = deps.clock.now();
  // Only a call about a meeting is called again (before its start): a test call is one attempt.
  if (RETRIED_OUTCOMES.has(outcome) && call.noRetry !== true && call.state.attempt <= settings.voice.retry.attempts && setup.record !== undefined) {
    let at = now.getTime() + settings.voice.retry.afterMinutes * 60_000;
    if (settings.quietHours.enabled) at = quietHoursRelease(setup.record.contact.timeZone, settings.quietHours, at);
    if (at < Date.parse(setup.record.start)) {
      const retryAt = new Date(at).toISOString();
      await saveCall(deps, { ...call, retryAt });
      deps.log.info(`call ${call.callId}: ${outcome}, calling again at ${retryAt}`);
      return { kind: 'redial', at: retryAt };
    }
  }
  const facts = { about: call.about, sendKey: call.sendKey, type: call.type, channel: 'voice', at: now };
  if (ANSWERED_OUTCOMES.has(outcome)) {
    await deps.ledger.markDelivered(call.about, call.sendKey, { delivered: true }, now);
    await publishCommunicationEvent(deps, workflow, { ...facts, status: 'delivered' });
    await publishCallEvent(deps, workflow, 'call.completed', call);
  } else {
    if (outcome !== 'unknown') {
      const reason = `voice: ${outcome}${call.state.reason ? ` (${call.state.reason})` : ''}`;
      await deps.ledger.markDelivered(call.about, call.sendKey, { delivered: false, reason }, now);
      await publishCommunicationEvent(deps, workflow, { ...facts, status: 'failed', reason });
    }
    await publishCallEvent(deps, workflow, 'call.failed', call);
  }
  return { kind: 'done', outcome };
}
