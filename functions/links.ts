import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { LINK_CANCEL_ROUTE, LINK_PAGE_ROUTE } from '../src/domain';
import { linkHandlers } from '../src/http/links';
import { handlerEnv } from '../src/wiring/handler-env';

const links = linkHandlers(handlerEnv);

app.http('LinkPage', { route: LINK_PAGE_ROUTE, methods: ['GET', 'HEAD'], authLevel: 'anonymous', handler: links.show });
app.http('LinkCancel', { route: LINK_CANCEL_ROUTE, methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()], handler: links.cancel });
