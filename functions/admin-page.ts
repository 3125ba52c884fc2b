import { app } from '@azure/functions';
import { ADMIN_PAGE_ROUTE, adminAssetHandler, adminPageHandler } from '../src/http/admin-page';

app.http('AdminPage', { route: ADMIN_PAGE_ROUTE, methods: ['GET'], authLevel: 'anonymous', handler: adminPageHandler });
app.http('AdminPageAsset', { route: `${ADMIN_PAGE_ROUTE}/{asset}`, methods: ['GET'], authLevel: 'anonymous', handler: adminAssetHandler });
