import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { meetingHandlers } from '../src/http/meetings';
import { handlerEnv } from '../src/wiring/handler-env';

const client = df.input.durableClient();
const meetings = meetingHandlers(handlerEnv);

app.http('ScheduleMeeting', { route: 'meetings', methods: ['POST'], authLevel: 'anonymous', extraInputs: [client], handler: meetings.schedule });
app.http('UpdateMeeting', { route: 'meetings/{meetingId}', methods: ['PUT'], authLevel: 'anonymous', extraInputs: [client], handler: meetings.update });
app.http('GetMeeting', { route: 'meetings/{meetingId}', methods: ['GET'], authLevel: 'anonymous', handler: meetings.get });
app.http('CancelMeeting', { route: 'meetings/{meetingId}/cancel', methods: ['POST'], authLevel: 'anonymous', extraInputs: [client], handler: meetings.cancel });
