import * as df from 'durable-functions';
import { durableMeetingWorkflow } from '../src/adapters/durable-meeting-workflow';
import { appDeps } from '../src/app/container';
import { notifyScheduled } from '../src/activities/notify-scheduled';
import { planMeetingStep } from '../src/activities/plan-meeting-step';
import { sendCommunication } from '../src/activities/send-communication';
import { meetingOrchestrator } from '../src/workflows/meeting-orchestrator';
import { ACTIVITY, ORCHESTRATION } from '../src/workflows/names';
import { settingsBroadcast } from '../src/workflows/settings-broadcast';
import type { BroadcastCursor, MeetingRef, SendRequest } from '../src/workflows/steps';

df.app.orchestration(ORCHESTRATION.meeting, meetingOrchestrator);
df.app.orchestration(ORCHESTRATION.settingsBroadcast, settingsBroadcast);
df.app.activity(ACTIVITY.planStep, { handler: (input: MeetingRef) => planMeetingStep(appDeps(), input) });
df.app.activity(ACTIVITY.send, { handler: (input: SendRequest) => sendCommunication(appDeps(), input) });
df.app.activity(ACTIVITY.notifyScheduled, {
  extraInputs: [df.input.durableClient()],
  handler: (input: BroadcastCursor, context) => notifyScheduled(appDeps(), durableMeetingWorkflow(df.getClient(context)), input),
});
