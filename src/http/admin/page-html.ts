import { LOCALE_NAMES, SUPPORTED_LOCALES, TEMPLATE_TYPES, templateChannels, type TemplateType } from '../../domain';
import { CHANNEL_MODULES } from '../../channels/registry';
import { html } from '../pages/render-page';
import { ADMIN_ENTRY_MODULE } from './admin-modules';
import { VOICE_CALLS } from './voice-fields';

const toggle = (type: string, label: string): string => `
<fieldset><legend>${label}</legend>
${CHANNEL_MODULES.map(({ name, displayName }) => `<div class="check"><input type="checkbox" id="s-${type}-${name}" name="${type}.${name}"><label for="s-${type}-${name}">${displayName}</label></div>`).join('\n')}
</fieldset>`;

const options = (pairs: Array<[string, string]>): string => pairs.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
const TYPE_LABELS: Readonly<Record<TemplateType, string>> = {
  confirmation: 'Confirmation', reminder: 'Reminder', cancellation: 'Cancellation', replyConfirmed: 'Reply: confirmed', replyCancelled: 'Reply: cancelled',
  replyReschedule: 'Reply: reschedule asked', replyHelp: 'Reply: help', replyWhich: 'Reply: which meeting?',
};
// data-channels lets the editor offer only the channels a type exists on (reply types: SMS).
const TYPES = TEMPLATE_TYPES.map((type) => `<option value="${type}" data-channels="${templateChannels(type).join(' ')}">${TYPE_LABELS[type]}</option>`).join('');

const words = (intent: string, label: string, builtIn: string): string => `
<div class="field"><label for="s-words-${intent}">${label}</label><input type="text" id="s-words-${intent}" name="replies.keywords.${intent}" data-list="words" spellcheck="false" aria-describedby="s-words-${intent}-help">
<p id="s-words-${intent}-help" class="hint">Built in: ${builtIn}. Extra words, separated by commas.</p></div>`;

const REPLIES = `
<fieldset><legend>Replies to SMS</legend>
<div class="check"><input type="checkbox" id="s-replies" name="replies.enabled"><label for="s-replies">Customers can answer confirmation and reminder SMS</label></div>
<div class="field"><label for="s-timeout">Wait for an answer (hours, 1–24)</label><input type="number" id="s-timeout" name="replies.timeoutHours" min="1" max="24" step="1" inputmode="numeric"></div>
<div class="check"><input type="checkbox" id="s-ack" name="replies.acknowledge"><label for="s-ack">Acknowledge each answer by SMS</label></div>
${words('confirm', 'Extra words to confirm', 'YES, Y, SI')}${words('cancel', 'Extra words to cancel', 'NO, N')}${words('reschedule', 'Extra words to reschedule', 'RESCHEDULE, REPROGRAMAR')}
</fieldset>`;
const QUIET_HOURS = `
<fieldset><legend>Quiet hours</legend>
<div class="check"><input type="checkbox" id="s-quiet" name="quietHours.enabled"><label for="s-quiet">Hold confirmations and reminders during quiet hours (cancellation notices are never held)</label></div>
<div class="field"><label for="s-quiet-start">Quiet from (recipient's local time)</label><input type="time" id="s-quiet-start" name="quietHours.start"></div>
<div class="field"><label for="s-quiet-end">Quiet until</label><input type="time" id="s-quiet-end" name="quietHours.end"></div>
</fieldset>`;
const LOCALES = options(SUPPORTED_LOCALES.map((locale) => [locale, LOCALE_NAMES[locale]]));

const SIGN_IN = `
<section id="sign-in" class="card" aria-labelledby="sign-in-title">
<h2 id="sign-in-title">Sign in</h2>
<form id="sign-in-form" novalidate>
<div class="field"><label for="token">Access token</label>
<textarea id="token" name="token" rows="4" spellcheck="false" autocomplete="off" aria-describedby="token-help"></textarea></div>
<p id="token-help" class="hint">Paste a bearer token that carries the Communications.Admin app role. It is kept only in this browser tab.</p>
<p id="dev-hint" class="hint" hidden>On this devhost, get one with <code id="dev-curl"></code></p>
<button type="submit">Sign in</button>
</form>
</section>`;

const SETTINGS = `
<section class="card" aria-labelledby="settings-title">
<h2 id="settings-title" tabindex="-1">Settings</h2>
<form id="settings-form" novalidate>
<div class="check master"><input type="checkbox" id="s-enabled" name="enabled"><label for="s-enabled">Send communications (master switch)</label></div>
<fieldset class="grid"><legend>Messages to send</legend>${toggle('confirmation', 'Confirmation')}${toggle('reminder', 'Reminder')}${toggle('cancellation', 'Cancellation')}</fieldset>
<fieldset><legend>Reminder timing</legend>
<div class="field"><label for="s-days">Days before the meeting (1–30)</label><input type="number" id="s-days" name="reminder.daysBefore" min="1" max="30" step="1" inputmode="numeric"></div>
<div class="field"><label for="s-send-at">Send at (recipient's local time)</label><input type="time" id="s-send-at" name="reminder.sendAtLocalTime" data-empty="null" aria-describedby="s-send-at-help">
<p id="s-send-at-help" class="hint">Empty: at the meeting's own time of day.</p></div>
<div class="field"><label for="s-late">Booked after the reminder time</label><select id="s-late" name="reminder.lateBooking">${options([['skip', 'Skip the reminder'], ['sendNow', 'Send the reminder at once']])}</select></div>
</fieldset>
${REPLIES}
${QUIET_HOURS}${VOICE_CALLS}
<div class="field"><label for="s-locale">Default language</label><select id="s-locale" name="defaultLocale">${LOCALES}</select></div>
<div class="field"><label for="s-cancel-url">Portal cancel URL template</label><input type="text" id="s-cancel-url" name="portal.cancelUrlTemplate" data-empty="null" inputmode="url" spellcheck="false" aria-describedby="s-cancel-url-help">
<p id="s-cancel-url-help" class="hint">An https URL containing {meetingId} (and optionally {token}); empty for the built-in cancel pages.</p></div>
<ul class="form-errors"></ul>
<div id="settings-stale" class="stale" hidden><p>Changed by someone else — reload. Your changes were not saved.</p><button type="button" id="settings-reload">Reload</button></div>
<div class="actions"><button type="submit" id="settings-save">Save settings</button><p id="settings-audit" class="hint"></p></div>
</form>
</section>`;

const TEMPLATES = `
<section class="card" aria-labelledby="templates-title">
<h2 id="templates-title">Templates</h2>
<form id="template-form" novalidate>
<fieldset class="row"><legend>Template to edit</legend>
<div class="field"><label for="t-type">Message</label><select id="t-type" name="type">${TYPES}</select></div>
<div class="field"><label for="t-channel">Channel</label><select id="t-channel" name="channel">${options(CHANNEL_MODULES.map(({ name, displayName }): [string, string] => [name, displayName]))}</select></div>
<div class="field"><label for="t-locale">Language</label><select id="t-locale" name="locale">${LOCALES}</select></div>
</fieldset>
<p id="template-source" class="hint"></p>
<div id="email-parts">
<div class="field"><label for="t-subject">Subject</label><input type="text" id="t-subject" name="subject" spellcheck="false"></div>
<div class="field"><label for="t-html">HTML body</label><textarea id="t-html" name="html" rows="12" spellcheck="false"></textarea></div>
</div>
<div class="field"><label for="t-text" id="t-text-label">Plain-text body</label><textarea id="t-text" name="text" rows="6"></textarea></div>
<ul class="form-errors"></ul>
<div class="actions"><button type="submit">Save template</button><button type="button" id="template-reset" class="secondary">Reset to default</button></div>
</form>
<section class="preview" aria-labelledby="preview-title">
<h3 id="preview-title">Preview <span class="hint">(sample meeting, unsaved changes included)</span></h3>
<p id="preview-problem" class="problem"></p>
<div id="preview-email"><p><strong>Subject:</strong> <span id="preview-subject"></span></p>
<iframe id="preview-html" title="Email preview" sandbox=""></iframe></div>
<p class="hint" id="preview-text-label">Plain-text part</p><pre id="preview-text"></pre>
<p id="sms-counter"></p>
</section>
</section>`;

const SUBSCRIPTIONS = `
<section class="card wide" aria-labelledby="subscriptions-title">
<h2 id="subscriptions-title" tabindex="-1">Subscriptions</h2>
<p class="hint">Webhooks that receive events (Power Automate triggers create and delete their own). Receivers are shown by host only.</p>
<table id="subscriptions-table"><caption class="hint">Deliveries: the newest, and those failing in the last 24 hours.</caption>
<thead><tr><th scope="col">Description</th><th scope="col">Receiver</th><th scope="col">Events</th><th scope="col">Created</th><th scope="col">Last delivery</th><th scope="col">Failures (24 h)</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody id="subscriptions-rows"></tbody></table>
<p id="subscriptions-empty" class="hint">No subscriptions.</p>
<div class="actions"><button type="button" id="subscriptions-refresh" class="secondary">Refresh</button></div>
</section>`;

/**
 * The admin page: static markup, no data. `assets` is the page's own path (its script and stylesheet
 * live under it) and `api` the API root the script calls, both taken from the request.
 */
export function adminPageHtml(paths: { assets: string; api: string }): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,">
<title>Meeting Communications — admin</title>
<link rel="stylesheet" href="${paths.assets}/app.css"><script type="module" src="${paths.assets}/${ADMIN_ENTRY_MODULE}"></script></head>
<body data-api="${paths.api}">
<header><h1>Meeting Communications</h1><p>Admin</p><button type="button" id="sign-out" class="secondary" hidden>Sign out</button></header>
<main>
<p id="status" role="status"></p>
${{ html: SIGN_IN }}
<div id="app" hidden>${{ html: SETTINGS }}${{ html: TEMPLATES }}${{ html: SUBSCRIPTIONS }}</div>
</main>
</body></html>
`.html;
}
