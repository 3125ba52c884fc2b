import { SUPPORTED_LOCALES } from '../../domain';

/**
 * The settings form's voice calls: the office number `connect` transfers to, the voice's gender per
 * language, and the retry of busy or unanswered calls. The menu and the voice names are edited
 * through the API (PATCH /api/settings); the form keeps whatever it does not show.
 */
export const VOICE_CALLS = `
<fieldset><legend>Voice calls</legend>
<div class="field"><label for="s-voice-connect">Office number for "press 3 to speak with us" (E.164; empty: not offered)</label><input type="tel" id="s-voice-connect" name="voice.connectTo" data-empty="null" placeholder="+14255550100" autocomplete="off"></div>
${SUPPORTED_LOCALES.map((locale) => `<div class="field"><label for="s-voice-${locale}">Voice for ${locale}</label><select id="s-voice-${locale}" name="voice.voices.${locale}.gender"><option value="female">Female</option><option value="male">Male</option></select></div>`).join('\n')}
<div class="field"><label for="s-voice-retries">Call again when busy or not answered (times, 0–2)</label><input type="number" id="s-voice-retries" name="voice.retry.attempts" min="0" max="2" step="1" inputmode="numeric"></div>
<div class="field"><label for="s-voice-after">after (minutes, 5–1440)</label><input type="number" id="s-voice-after" name="voice.retry.afterMinutes" min="5" max="1440" step="1" inputmode="numeric"></div>
</fieldset>`;
