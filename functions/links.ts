import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { linkCancelHandler, linkPageHandler } from '../src/http/links';

app.http('LinkPage', { route: 'links/{token}', methods: ['GET', 'HEAD'], authLevel: 'anonymous', handler: linkPageHandler });
app.http('LinkCancel', { route: 'links/{token}/cancel', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: linkCancelHandler });
