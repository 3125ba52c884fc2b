import type { DurableClient } from 'durable-functions';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import { callInstanceId, deflectionInstanceId, deliveryInstanceId, EVENT, meetingInstanceId, ORCHESTRATION, promptInstanceId } from '../../workflows/names';
import type { CallRef, DeliveryRef, PromptRef } from '../../workflows/steps';

const RUNNING = new Set(['Pending', 'Running', 'ContinuedAsNew']);

/** The meeting orchestrations through the Durable client of the current invocation. */
export function durableMeetingWorkflow(client: DurableClient): MeetingWorkflow {
  const start = async (meetingId: string): Promise<void> => {
    try {
      await client.startNew(ORCHESTRATION.meeting, { instanceId: meetingInstanceId(meetingId), input: { meetingId } });
    } catch (err) {
      // Started concurrently by another request: that orchestration will plan from the same data.
      if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
    }
  };
  const status = async (meetingId: string): Promise<string | undefined> => {
    try {
      return (await client.getStatus(meetingInstanceId(meetingId))).runtimeStatus;
    } catch (err) {
      if (err instanceof Error && /404/.test(err.message)) return undefined;
      throw err;
    }
  };
  return {
    start,
    async ensureRunning(meetingId) {
      if (RUNNING.has((await status(meetingId)) ?? '')) return false;
      await start(meetingId);
      return true;
    },
    async notifyChanged(meetingId) {
      if (RUNNING.has((await status(meetingId)) ?? '')) await client.raiseEvent(meetingInstanceId(meetingId), EVENT.meetingChanged, { at: 'changed' });
      else await start(meetingId);
    },
    async startPrompt(promptId, closesAt) {
      try {
        await client.startNew(ORCHESTRATION.prompt, { instanceId: promptInstanceId(promptId), input: { promptId, closesAt } satisfies PromptRef });
      } catch (err) {
        if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
      }
    },
    async raisePromptReply(promptId, reply) {
      try {
        await client.raiseEvent(promptInstanceId(promptId), EVENT.promptReply, reply);
      } catch (err) {
        // A nudge only tells an orchestration its prompt ended: one that already ended needs none.
        if (!(reply.kind === 'closed' && err instanceof Error && /404|410|No instance|completed|failed/i.test(err.message))) throw err;
      }
    },
    async startDelivery(delivery) {
      // The instance ID is the delivery's: a second start while it runs is refused (409) and ignored;
      // one after it ended runs again, and its activity finds the delivery final and sends nothing.
      try {
        await client.startNew(ORCHESTRATION.webhookDelivery, { instanceId: deliveryInstanceId(delivery), input: { eventId: delivery.eventId, subscriptionId: delivery.subscriptionId } satisfies DeliveryRef });
      } catch (err) {
        if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
      }
    },
    async startDeflection(ref) {
      // A repeated request finds it running (409, ignored) or ended: run again, its activity finds the send recorded and sends nothing.
      try {
        await client.startNew(ORCHESTRATION.deflection, { instanceId: deflectionInstanceId(ref), input: { deflectionId: ref.deflectionId, channel: ref.channel } });
      } catch (err) {
        if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
      }
    },
    async startCall(callId) {
      if (RUNNING.has((await instanceStatus(client, callInstanceId(callId))) ?? '')) return;
      try {
        await client.startNew(ORCHESTRATION.call, { instanceId: callInstanceId(callId), input: { callId } satisfies CallRef });
      } catch (err) {
        if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
      }
    },
    async nudgeCall(callId) {
      try {
        await client.raiseEvent(callInstanceId(callId), EVENT.callEvent, { at: 'callback' });
      } catch (err) {
        // Not running (not started yet, or ended): it reads the stored callbacks when it starts.
        if (!(err instanceof Error && /404|410|No instance|completed|failed|terminated/i.test(err.message))) throw err;
      }
    },
    async broadcastSettingsChanged(epoch) {
      const instanceId = `settings:${epoch.replace(/[^A-Za-z0-9-]/g, '')}`;
      try {
        await client.startNew(ORCHESTRATION.settingsBroadcast, { instanceId, input: {} });
      } catch (err) {
        if (!(err instanceof Error && /already exists|409/.test(err.message))) throw err;
      }
    },
  };
}

/** The runtime status of an instance, or undefined when there is none. */
async function instanceStatus(client: DurableClient, instanceId: string): Promise<string | undefined> {
  try {
    return (await client.getStatus(instanceId)).runtimeStatus;
  } catch (err) {
    if (err instanceof Error && /404/.test(err.message)) return undefined;
    throw err;
  }
}
