import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { deflectionHandlers } from '../src/http/deflections';
import { handlerEnv } from '../src/wiring/handler-env';

const deflections = deflectionHandlers(handlerEnv);

app.http('CreateDeflection', { route: 'deflections', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: deflections.create });
app.http('GetDeflection', { route: 'deflections/{deflectionId}', methods: ['GET'], authLevel: 'anonymous', handler: deflections.get });
app.http('CloseTicket', { route: 'tickets/{ticketId}/close', methods: ['POST'], authLevel: 'anonymous', handler: deflections.close });
app.http('GetTicket', { route: 'tickets/{ticketId}', methods: ['GET'], authLevel: 'anonymous', handler: deflections.ticket });
