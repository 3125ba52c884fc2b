import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { eventHandlers } from '../src/http/events';
import { callEventHandlers } from '../src/http/call-events';
import { handlerEnv } from '../src/wiring/handler-env';

const events = eventHandlers(handlerEnv);

app.http('AcsEvents', { route: 'events/acs', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: events.acs });
app.http('AcsEventsHandshake', { route: 'events/acs', methods: ['OPTIONS'], authLevel: 'anonymous', handler: events.acsHandshake });

const calls = callEventHandlers(handlerEnv);
app.http('CallEvents', { route: 'events/calls', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: calls.calls });
