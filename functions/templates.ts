import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { previewHandler } from '../src/http/template-preview';
import { templateHandlers } from '../src/http/templates';
import { handlerEnv } from '../src/wiring/handler-env';

const route = 'templates/{type}/{channel}/{locale}';
const templates = templateHandlers(handlerEnv);

app.http('GetTemplate', { route, methods: ['GET'], authLevel: 'anonymous', handler: templates.get });
app.http('UpdateTemplate', { route, methods: ['PUT'], authLevel: 'anonymous', handler: templates.put });
app.http('ResetTemplate', { route, methods: ['DELETE'], authLevel: 'anonymous', handler: templates.reset });
app.http('GetTemplateHistory', { route: `${route}/history`, methods: ['GET'], authLevel: 'anonymous', handler: templates.history });
app.http('PreviewTemplate', { route: 'templates/preview', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: previewHandler(handlerEnv) });
