import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { optOutHandlers } from '../src/http/optouts';
import { handlerEnv } from '../src/wiring/handler-env';

const optOuts = optOutHandlers(handlerEnv);

app.http('GetOptOut', { route: 'optouts/{phone}', methods: ['GET'], authLevel: 'anonymous', handler: optOuts.get });
app.http('UpdateOptOut', { route: 'optouts/{phone}', methods: ['PUT'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: optOuts.put });
