import { listLocalCalls, type LocalCall } from '../../src/adapters/devhost-hooks';
import { callState } from './calls-route';
import { esc } from './outbox-conversations';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** One call: what it spoke, in order, and the customer's side (answer, keypad, silence, hang up) as forms posting to /dev/calls. */
export function callHtml(call: LocalCall): string {
  const { state } = callState(call);
  const base = `/dev/calls/${encodeURIComponent(call.callConnectionId)}`;
  const button = (path: string, label: string, fields: Record<string, string> = {}) =>
    `<form method="post" action="${base}/${path}" class="key">${Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('')}<button type="submit">${esc(label)}</button></form>`;
  const spoken = call.actions
    .map((a) => `<div class="sms out"><pre>${esc(a.kind === 'transfer' ? `(transferred to ${a.target ?? ''})` : a.kind === 'hangUp' ? '(hung up)' : (a.text ?? ''))}</pre><small>${esc(a.kind)}${a.voice ? ` · ${esc(a.voice)}` : ''} · <time>${esc(a.at)}</time></small></div>`)
    .join('');
  const controls = state === 'ringing'
    ? `${button('answer', 'Answer')}${button('answer', 'Busy', { result: 'busy' })}${button('answer', 'No answer', { result: 'noAnswer' })}`
    : state === 'asking'
      ? `<div class="keypad">${KEYPAD.map((key) => button('keys', key, { tones: key })).join('')}</div>${button('keys', 'Say nothing (silence)', { tones: '' })}${button('hangup', 'Hang up')}`
      : '';
  return `<section class="call"><h2>Call ${esc(call.to)} ← ${esc(call.from)} · ${esc(state)}</h2><small>connection ${esc(call.callConnectionId)} · send key ${esc(call.sendKey)} · <time>${esc(call.createdAt)}</time></small>${spoken}${controls}</section>`;
}

/** The outbox page's calls section (newest first), with its styles. */
export async function callsSection(connectionString: string): Promise<string> {
  const calls = await listLocalCalls(connectionString);
  return `<style>.keypad{display:grid;grid-template-columns:repeat(3,3rem);gap:.25rem;margin:.5rem 0}form.key{display:inline;margin:0}.keypad button{width:3rem;height:2.5rem}</style>
<h2>Calls</h2>${calls.length > 0 ? calls.map(callHtml).join('\n') : '<p>No calls yet.</p>'}`;
}
