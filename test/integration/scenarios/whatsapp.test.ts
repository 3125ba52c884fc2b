import { AppHost, kinds, meetingBody, useAppHost, type OutboxEntry } from '../../support/app-host';
import { advanceTo, reminderAt } from './scenario-support';

/** The outbox's local WhatsApp channel registration ID (no WHATSAPP_CHANNEL_ID on the devhost). */
const CHANNEL = '00000000-0000-4000-8000-00000000a11e';

interface TwoWayView {
  status: string; attendance: string; cancelledBy?: string;
  replies: Array<{ channel: string; intent: string; outcome: string }>;
  prompts: Array<{ channel: string; sendKey: string; outcome: string }>;
  communications: Array<{ type: string; channel: string; status: string }>;
}

const press = (host: AppHost, from: string, message: OutboxEntry, payload: string): Promise<Response> => {
  const button = message.buttons?.find((b) => b.payload === payload);
  if (!button) throw new Error(`no ${payload} button on ${message.sendKey}`);
  return fetch(`${host.url}/dev/whatsapp/inbound`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: CHANNEL, buttonPayload: button.payload, buttonText: button.text, contextMessageId: message.messageId }),
  });
};

describe('WhatsApp reminders answered with their buttons, on the devhost', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));
  beforeAll(async () => host.patchSettings({ enabled: true, reminder: { whatsapp: true, daysBefore: 2 }, replies: { enabled: true } }));

  const view = async (id: string): Promise<TwoWayView> => (await host.meeting(id)) as unknown as TwoWayView;
  const reminderOf = async (id: string): Promise<OutboxEntry> => {
    const found = (await host.outbox(id)).filter((m) => m.type === 'reminder' && m.channel === 'whatsapp');
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  /** Books meetings 3 days ahead (one minute apart) for the same number, then moves to the last reminder. */
  const book = async (ids: string[], phone: string): Promise<void> => {
    const now = await host.now();
    const bodies = ids.map((id, i) => meetingBody(id, now + i * 60_000, 3, { contact: { phone } }));
    for (const body of bodies) expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    await advanceTo(host, reminderAt(bodies[bodies.length - 1]!.start as string, 2) + 60_000);
    await host.settle();
  };

  test('the reminder is the approved template with Confirm / Cancel / Reschedule; Confirm confirms it and the thanks goes as free text inside the window', async () => {
    const id = 'WA-CONFIRM-1';
    const phone = '+14255550161';
    await book([id], phone);
    const reminder = await reminderOf(id);
    expect(reminder).toMatchObject({ from: CHANNEL, to: phone, sendKey: `${id}|1|reminder|whatsapp` });
    expect(reminder.text).toMatch(/^Hi Bob, a reminder of your appointment "Mortgage review" on .+\. Will you come\?\n\n\[ Confirm \] {2}\[ Cancel \] {2}\[ Reschedule \]$/);
    expect(reminder.buttons).toEqual([{ text: 'Confirm', payload: 'confirm' }, { text: 'Cancel', payload: 'cancel' }, { text: 'Reschedule', payload: 'reschedule' }]);
    const before = await view(id);
    expect(before.prompts).toEqual([expect.objectContaining({ channel: 'whatsapp', sendKey: reminder.sendKey, outcome: 'open' })]);
    // The outbox played ACS: a Delivered status event moved the ledger.
    expect(before.communications).toContainEqual(expect.objectContaining({ type: 'reminder', channel: 'whatsapp', status: 'delivered' }));

    expect((await press(host, phone, reminder, 'confirm')).status).toBe(202);
    await host.settle();
    const after = await view(id);
    expect(after).toMatchObject({ status: 'scheduled', attendance: 'confirmed', replies: [{ channel: 'whatsapp', intent: 'confirm', outcome: 'confirmed' }] });
    expect(kinds(await host.outbox(id))).toEqual(['reminder/whatsapp', 'replyConfirmed/whatsapp']);
    const thanks = (await host.outbox(id)).find((m) => m.type === 'replyConfirmed')!;
    expect(thanks.text).toMatch(/^Thanks Bob, your appointment on .+ is confirmed\. See you then!$/);
    expect(thanks.buttons).toBeUndefined();
    expect(host.host.output()).not.toMatch(/4255550161/);
  });

  test('Cancel cancels the meeting (cancelledBy whatsapp)', async () => {
    const id = 'WA-CANCEL-1';
    const phone = '+14255550162';
    await book([id], phone);
    expect((await press(host, phone, await reminderOf(id), 'cancel')).status).toBe(202);
    await host.settle();
    expect(await view(id)).toMatchObject({ status: 'cancelled', cancelledBy: 'whatsapp', attendance: 'declined' });
    expect(kinds(await host.outbox(id))).toEqual(['reminder/whatsapp', 'replyCancelled/whatsapp']);
  });

  test('a button answers exactly the message it sits under: two open reminders, no "which meeting?"', async () => {
    const phone = '+14255550163';
    await book(['WA-EXACT-1', 'WA-EXACT-2'], phone);
    const first = await reminderOf('WA-EXACT-1');
    expect((await view('WA-EXACT-2')).prompts.map((p) => p.outcome)).toEqual(['open']);
    expect((await press(host, phone, first, 'reschedule')).status).toBe(202);
    await host.settle();
    expect(await view('WA-EXACT-1')).toMatchObject({ attendance: 'rescheduleRequested' });
    expect(await view('WA-EXACT-2')).toMatchObject({ attendance: 'unknown' });
    expect((await view('WA-EXACT-2')).prompts.map((p) => p.outcome)).toEqual(['open']);
    const all = [...(await host.outbox('WA-EXACT-1')), ...(await host.outbox('WA-EXACT-2'))];
    expect(all.filter((m) => m.type === 'replyWhich')).toEqual([]);

    // A second press on the first message, whose question has ended, answers no other meeting: kept for staff.
    const again = (await (await press(host, phone, first, 'confirm')).json()) as { eventId: string };
    await host.settle();
    expect(await view('WA-EXACT-2')).toMatchObject({ attendance: 'unknown' });
    expect((await view('WA-EXACT-2')).prompts.map((p) => p.outcome)).toEqual(['open']);
    const kept = (await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string; channel: string }> };
    expect(kept.replies).toContainEqual(expect.objectContaining({ replyId: again.eventId, channel: 'whatsapp' }));
  });

  test('a text reply is understood like an SMS one; the outbox page shows the buttons as forms', async () => {
    const id = 'WA-TEXT-1';
    const phone = '+14255550164';
    await book([id], phone);
    const res = await fetch(`${host.url}/dev/whatsapp/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: phone, text: 'yes please' }) });
    expect(res.status).toBe(202);
    await host.settle();
    expect(await view(id)).toMatchObject({ attendance: 'confirmed' });
    const page = await (await fetch(`${host.url}/dev/outbox`)).text();
    expect(page).toContain('WhatsApp conversations');
    expect(page).toMatch(/<form method="post" action="\/dev\/whatsapp\/inbound" class="wa-button">.*name="buttonPayload" value="confirm"/);
  });

  test('POST /dev/whatsapp/inbound refuses what is no WhatsApp message', async () => {
    for (const body of ['{', JSON.stringify({ from: '12345', text: 'x' }), JSON.stringify({ from: '+14255550165', text: 'x', buttonPayload: 'confirm' }), JSON.stringify({ from: '+14255550165', to: 'not-a-channel', text: 'x' })]) {
      const res = await fetch(`${host.url}/dev/whatsapp/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
