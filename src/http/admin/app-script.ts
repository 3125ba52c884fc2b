import { adminApi } from './client/api';
import { startAdminPage } from './client/main';
import { settingsForm } from './client/settings-form';
import { templateEditor } from './client/template-editor';
import { pageUi } from './client/ui';

/**
 * GET /api/manage/app.js: the admin page's one script. Its parts are TypeScript in ./client,
 * type-checked and linted with the app; each reaches the browser as the source text of its
 * compiled function (`String(fn)`), which is why each must be self-contained. No bundler, no inline
 * script: the page's CSP allows only this same-origin file.
 */
export const APP_JS = `'use strict';
// Meeting Communications: the admin page (settings and templates). Data comes only from the API, with the admin's token.
(${String(startAdminPage)})({
  adminApi: ${String(adminApi)},
  pageUi: ${String(pageUi)},
  settingsForm: ${String(settingsForm)},
  templateEditor: ${String(templateEditor)},
}, window);
`;
