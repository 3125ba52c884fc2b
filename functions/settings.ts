import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { getSettingsHandler, patchSettingsHandler, putSettingsHandler } from '../src/http/settings';

const client = df.input.durableClient();

app.http('GetSettings', { route: 'settings', methods: ['GET'], authLevel: 'anonymous', handler: getSettingsHandler });
app.http('UpdateSettings', { route: 'settings', methods: ['PUT'], authLevel: 'anonymous', extraInputs: [client], handler: putSettingsHandler });
app.http('PatchSettings', { route: 'settings', methods: ['PATCH'], authLevel: 'anonymous', extraInputs: [client], handler: patchSettingsHandler });
