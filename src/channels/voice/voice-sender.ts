import { callIdFor, operationContext } from '../../domain/voice/call-context';
import { initialCallState } from '../../domain/voice/call-machine';
import type { Clock } from '../../ports/clock';
import type { CallStore, StoredCall, VoiceCaller } from '../../ports/calls';
import type { ChannelSender } from '../../ports/dispatch';
import { isTransientProviderError, type SendResult } from '../../ports/send-result';
import { channelSender } from '../channel-sender';

/** The message ID of a call dialled before whose connection ID was never recorded (a crash mid-createCall). */
export const unknownConnectionId = (callId: string): string => `call-${callId}`;

/**
 * A {@link VoiceCaller} as the channel-free core sees it. The SDK mints a new idempotency ID for every
 * createCall (acs-channels.md §2.4), so the guard is ours: the call's row (one per send key) records
 * `dialledAt` before the provider is asked, and a send resumed after a crash finds it and never dials
 * again; its callbacks, or the orchestration's timeout (`unknown`), decide what became of it. A
 * throttled createCall (refused outright) clears the mark, so the deferred retry may dial.
 */
export function voiceDispatchSender(caller: VoiceCaller, calls: CallStore, clock: Pick<Clock, 'now'>, callbackUrl: string): ChannelSender {
  const dialledBefore = (call: StoredCall): SendResult => ({ status: 'sent', providerMessageId: call.callConnectionId ?? unknownConnectionId(call.callId) });
  return {
    ...channelSender(caller.provider, 'voice', async (dispatch, content) => {
      const callId = callIdFor(dispatch.key);
      const now = clock.now().toISOString();
      const fresh: StoredCall = {
        callId, sendKey: dispatch.key, about: dispatch.about, type: dispatch.purpose, to: dispatch.to, text: content.text,
        callConnectionId: null, dialledAt: null, state: initialCallState(now), retryAt: null, updatedAt: now,
      };
      await calls.create(fresh);
      const current = await calls.get(callId);
      if (!current) throw new Error(`call ${callId}: its row is gone`);
      if (current.call.dialledAt !== null) return dialledBefore(current.call);
      const dialling: StoredCall = { ...current.call, dialledAt: now, updatedAt: now };
      // Another attempt of the same send marked it first: that one dials.
      if (!(await calls.replace(dialling, current.etag))) return dialledBefore(dialling);
      let result: SendResult;
      try {
        result = await caller.dial({ to: dispatch.to, operationContext: operationContext(callId, 1, 0), callbackUrl, idempotencyKey: `${dispatch.key}~1` }, dispatch);
      } catch (error) {
        if (isTransientProviderError(error) && error.kind === 'throttled') await undoDial(calls, callId);
        throw error;
      }
      if (result.status === 'sent') await recordConnection(calls, callId, result.providerMessageId, clock);
      else await refused(calls, callId, result.reason, clock);
      return result;
    }),
    from: caller.from,
  };
}

/** The connection ID, once createCall answered (callbacks may have changed the row meanwhile: read again). */
export async function recordConnection(calls: CallStore, callId: string, callConnectionId: string, clock: Pick<Clock, 'now'>): Promise<void> {
  await calls.indexConnection(callConnectionId, callId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await calls.get(callId);
    if (!current || current.call.callConnectionId === callConnectionId) return;
    if (await calls.replace({ ...current.call, callConnectionId, updatedAt: clock.now().toISOString() }, current.etag)) return;
  }
}

async function undoDial(calls: CallStore, callId: string): Promise<void> {
  const current = await calls.get(callId);
  if (current && current.call.callConnectionId === null) await calls.replace({ ...current.call, dialledAt: null }, current.etag);
}

/** createCall refused the call outright (an invalid number): the call ended before it began, with the reason. */
async function refused(calls: CallStore, callId: string, reason: string, clock: Pick<Clock, 'now'>): Promise<void> {
  const current = await calls.get(callId);
  if (!current) return;
  const at = clock.now().toISOString();
  await calls.replace({ ...current.call, state: { ...current.call.state, phase: 'ended', outcome: 'failed', reason: reason.slice(0, 300), lastEventAt: at }, updatedAt: at }, current.etag);
}
