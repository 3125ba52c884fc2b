import * as df from 'durable-functions';
import { meetingOrchestrator } from '../src/workflows/meeting-orchestrator';
import { ACTIVITY, ORCHESTRATION } from '../src/workflows/names';
import { settingsBroadcast } from '../src/workflows/settings-broadcast';
import { promptOrchestrator } from '../src/workflows/prompt-orchestrator';
import { webhookDelivery } from '../src/workflows/webhook-delivery';
import { activityHandler } from '../src/wiring/activities';

df.app.orchestration(ORCHESTRATION.meeting, meetingOrchestrator);
df.app.orchestration(ORCHESTRATION.settingsBroadcast, settingsBroadcast);
df.app.activity(ACTIVITY.planStep, { handler: activityHandler('planStep') });
df.app.orchestration(ORCHESTRATION.prompt, promptOrchestrator);
df.app.activity(ACTIVITY.send, { extraInputs: [df.input.durableClient()], handler: activityHandler('send') });
df.app.activity(ACTIVITY.answerPrompt, { extraInputs: [df.input.durableClient()], handler: activityHandler('answerPrompt') });
df.app.activity(ACTIVITY.closePrompt, { extraInputs: [df.input.durableClient()], handler: activityHandler('closePrompt') });
df.app.activity(ACTIVITY.recordFailure, { extraInputs: [df.input.durableClient()], handler: activityHandler('recordFailure') });
df.app.activity(ACTIVITY.notifyScheduled, { extraInputs: [df.input.durableClient()], handler: activityHandler('notifyScheduled') });
df.app.orchestration(ORCHESTRATION.webhookDelivery, webhookDelivery);
df.app.activity(ACTIVITY.deliverWebhook, { handler: activityHandler('deliverWebhook') });
