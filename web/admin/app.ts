/*
 * Browser code: the admin page's entry module (`<script type="module" src="…/app.js">`). Modules run
 * after the document is parsed, so the page's elements exist; the other modules only export.
 */
import { startAdminPage } from './main.js';

startAdminPage(window);
