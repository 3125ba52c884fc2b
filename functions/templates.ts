import { app } from '@azure/functions';
import { deleteTemplateHandler, getTemplateHandler, putTemplateHandler, templateHistoryHandler } from '../src/http/templates';
import { previewTemplateHandler } from '../src/http/template-preview';

const route = 'templates/{type}/{channel}/{locale}';

app.http('GetTemplate', { route, methods: ['GET'], authLevel: 'anonymous', handler: getTemplateHandler });
app.http('UpdateTemplate', { route, methods: ['PUT'], authLevel: 'anonymous', handler: putTemplateHandler });
app.http('ResetTemplate', { route, methods: ['DELETE'], authLevel: 'anonymous', handler: deleteTemplateHandler });
app.http('GetTemplateHistory', { route: `${route}/history`, methods: ['GET'], authLevel: 'anonymous', handler: templateHistoryHandler });
app.http('PreviewTemplate', { route: 'templates/preview', methods: ['POST'], authLevel: 'anonymous', handler: previewTemplateHandler });
