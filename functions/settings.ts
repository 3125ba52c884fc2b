import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { settingsHandlers } from '../src/http/settings';
import { handlerEnv } from '../src/wiring/handler-env';

const client = df.input.durableClient();
const settings = settingsHandlers(handlerEnv);

app.http('GetSettings', { route: 'settings', methods: ['GET'], authLevel: 'anonymous', handler: settings.get });
app.http('UpdateSettings', { route: 'settings', methods: ['PUT'], authLevel: 'anonymous', extraInputs: [client], handler: settings.put });
app.http('PatchSettings', { route: 'settings', methods: ['PATCH'], authLevel: 'anonymous', extraInputs: [client], handler: settings.patch });
