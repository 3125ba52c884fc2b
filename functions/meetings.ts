import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { cancelMeetingHandler, getMeetingHandler, scheduleMeetingHandler, updateMeetingHandler } from '../src/http/meetings';

const client = df.input.durableClient();

app.http('ScheduleMeeting', { route: 'meetings', methods: ['POST'], authLevel: 'anonymous', extraInputs: [client], handler: scheduleMeetingHandler });
app.http('UpdateMeeting', { route: 'meetings/{meetingId}', methods: ['PUT'], authLevel: 'anonymous', extraInputs: [client], handler: updateMeetingHandler });
app.http('GetMeeting', { route: 'meetings/{meetingId}', methods: ['GET'], authLevel: 'anonymous', handler: getMeetingHandler });
app.http('CancelMeeting', { route: 'meetings/{meetingId}/cancel', methods: ['POST'], authLevel: 'anonymous', extraInputs: [client], handler: cancelMeetingHandler });
