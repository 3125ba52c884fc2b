import { API_KEY, AppHost, useAppHost, type OutboxEntry } from '../../support/app-host';
import { subscribe, WebhookReceiver } from '../../support/webhook-receiver';
import { expectProblem } from './scenario-support';

const BUSINESS = '+34910000000';

interface TicketView {
  ticketId: string; deflectionId: string; status: string; teamId: string | null;
  customer: { phone: string }; metadata: { user: Record<string, string>; ticket: Record<string, string> };
  messages: Array<{ messageId: string; text: string; buttonPayload: string | null }>;
}
interface DeflectionView { deflectionId: string; ticketId: string; status: string; messageId: string | null; window: { openUntil: string | null } }
interface Delivered { type: string; subject: string; data: Record<string, unknown> }

/** An IVR's request as it calls Adereso today: their field names and `Authorization: Key`. */
const aderesoBody = (recipient: string) => ({
  business_phone: BUSINESS,
  recipient_phone: recipient.replace(/^\+/, ''),
  template_name: 'continue_on_whatsapp',
  team_id: 'mortgages',
  metadata: { user: { segment: 'gold', rut: '12.345.678-9' }, ticket: { typology: 'billing', ivrPath: '1>3' } },
});

describe('IVR deflection to WhatsApp, on the devhost', () => {
  let host: AppHost;
  let receiver: WebhookReceiver;
  useAppHost((started) => (host = started), { env: { DEFLECTION_COUNTRIES: 'ES,US' } });
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    await subscribe(host, receiver, ['ticket.created', 'ticket.message']);
  });
  afterAll(async () => receiver.close());

  const deflect = (body: unknown, headers: Record<string, string> = { authorization: `Key ${API_KEY}` }): Promise<Response> =>
    fetch(`${host.url}/api/deflections`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = async <T>(path: string): Promise<T> => {
    const res = await host.api(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const sentTo = async (phone: string): Promise<OutboxEntry[]> => (await host.outbox()).filter((m) => m.to === phone);
  const events = (type: string, ticketId: string): Delivered[] =>
    receiver.received.filter((r) => r.status === 200).map((r) => JSON.parse(r.body) as Delivered).filter((e) => e.type === type && e.data.ticketId === ticketId);

  test("Adereso's body with Authorization: Key → 202; one template message, a ticket with the IVR's metadata and team, ticket.created with IDs only", async () => {
    const phone = '+34612345601';
    const res = await deflect(aderesoBody(phone), { authorization: `Key ${API_KEY}`, 'idempotency-key': 'call-0001' });
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { deflectionId: string; ticketId: string; status: string };
    expect(answer).toEqual({ deflectionId: 'call-0001', ticketId: expect.stringMatching(/^T-/), status: 'accepted' });
    await host.settle();

    const sent = await sentTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'whatsapp', type: 'deflection', sendKey: 'defl|call-0001|whatsapp', text: 'WhatsApp template continue_on_whatsapp (en_US)' });
    const ticket = await get<TicketView>(`tickets/${answer.ticketId}`);
    expect(ticket).toMatchObject({ ticketId: answer.ticketId, deflectionId: 'call-0001', status: 'open', teamId: 'mortgages', customer: { phone }, metadata: aderesoBody(phone).metadata, messages: [] });
    const deflection = await get<DeflectionView>('deflections/call-0001');
    expect(deflection).toMatchObject({ ticketId: answer.ticketId, status: 'delivered', messageId: sent[0]!.messageId, window: { openUntil: null } });

    await host.settle();
    const created = events('ticket.created', answer.ticketId);
    expect(created).toEqual([expect.objectContaining({ subject: `tickets/${answer.ticketId}`, data: expect.objectContaining({ deflectionId: 'call-0001', teamId: 'mortgages', status: 'open', channel: 'whatsapp' }) })]);
    expect(receiver.received.map((r) => r.body).join('\n')).not.toMatch(/34612345601|gold|billing|12\.345/);
    expect(host.host.output()).not.toMatch(/34612345601|12\.345/);
  });

  test('our body with deflectionId, twice (the IVR retries): the same answer, one message', async () => {
    const phone = '+34612345602';
    const body = { deflectionId: 'D-7f3c', businessPhone: BUSINESS, recipientPhone: phone, teamId: 'cards', template: { name: 'callback_whatsapp', language: 'es', parameters: ['Ana'] }, metadata: { ticket: { reason: 'lost card' } } };
    const first = await deflect(body, { 'x-api-key': API_KEY });
    const second = await deflect(body, { 'x-api-key': API_KEY });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await second.json()).toEqual(await first.json());
    await host.settle();
    const sent = await sentTo(phone);
    expect(sent.map((m) => m.sendKey)).toEqual(['defl|D-7f3c|whatsapp']);
    expect(sent[0]!.text).toBe('WhatsApp template callback_whatsapp (es): Ana');
    // The same ID with a different request is refused, and changes nothing.
    await expectProblem(await deflect({ ...body, teamId: 'other' }, { 'x-api-key': API_KEY }), 409, 'deflectionId');
    expect((await get<TicketView>(`tickets/${((await get<DeflectionView>('deflections/D-7f3c')).ticketId)}`)).teamId).toBe('cards');
  });

  test("the ticket gathers the customer's later WhatsApp messages (ticket.message each once, no text in it); the deflection becomes replied", async () => {
    const phone = '+34612345603';
    const { ticketId } = (await (await deflect({ ...aderesoBody(phone), deflection_id: 'call-0003' })).json()) as { ticketId: string };
    await host.settle();
    for (const text of ['Hola, tengo un problema con mi factura', 'Es la de noviembre']) {
      const res = await fetch(`${host.url}/dev/whatsapp/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: phone, text }) });
      expect(res.status).toBe(202);
    }
    await host.settle();
    const ticket = await get<TicketView>(`tickets/${ticketId}`);
    expect(ticket.messages.map((m) => m.text)).toEqual(['Hola, tengo un problema con mi factura', 'Es la de noviembre']);
    const deflection = await get<DeflectionView>('deflections/call-0003');
    expect(deflection.status).toBe('replied');
    expect(deflection.window.openUntil).not.toBeNull();
    await host.settle();
    expect(events('ticket.message', ticketId).map((e) => e.data.messageId).sort()).toEqual(ticket.messages.map((m) => m.messageId).sort());
    expect(receiver.received.map((r) => r.body).join('\n')).not.toMatch(/factura|noviembre|34612345603/);
    // Closed, it gathers no more: the next message is kept for staff (reply.unsolicited).
    const closed = await host.api(`tickets/${ticketId}/close`, { method: 'POST' });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as TicketView).status).toBe('closed');
    expect((await host.api(`tickets/${ticketId}/close`, { method: 'POST' })).status).toBe(200);
    const late = (await (await fetch(`${host.url}/dev/whatsapp/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: phone, text: 'hello?' }) })).json()) as { eventId: string };
    await host.settle();
    expect((await get<TicketView>(`tickets/${ticketId}`)).messages).toHaveLength(2);
    const kept = (await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string }> };
    expect(kept.replies.map((r) => r.replyId)).toContain(late.eventId);
    // The ticket's own messages were not unmatched for staff: the ticket took them.
    const unmatched = (await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string }> };
    expect(unmatched.replies.map((r) => r.replyId)).not.toEqual(expect.arrayContaining([ticket.messages[0]!.messageId]));
  });

  describe('refuses bad requests with a problem naming the field, sending nothing', () => {
    const phone = '+34612345690';
    const good = { deflectionId: 'D-bad', businessPhone: BUSINESS, recipientPhone: phone };
    afterAll(async () => {
      await host.settle();
      expect(await sentTo(phone)).toEqual([]);
    });

    test.each([
      ['malformed JSON', '{"business_phone": ', ''],
      ['not an object', '[1,2]', ''],
      ['a wrong type', { ...good, teamId: { a: 1 } }, 'teamId'],
      ['a misspelt field', { ...good, recipientPhon: phone }, 'recipientPhon'],
      ['metadata nested', { ...good, metadata: { user: { address: { city: 'Madrid' } } } }, 'metadata.user.address'],
      ['both spellings of a field', { ...good, recipient_phone: phone }, 'recipient_phone'],
      ['a missing number', { deflectionId: 'D-bad', businessPhone: BUSINESS }, 'recipientPhone'],
      ['an invalid number', { ...good, recipientPhone: '+3461234' }, 'recipientPhone'],
      ['a landline (no WhatsApp)', { ...good, recipientPhone: '+34911234567' }, 'recipientPhone'],
      ['a number of a country not allowed', { ...good, recipientPhone: '+525512345678' }, 'recipientPhone'],
      ["Adereso's field named as sent", { business_phone: BUSINESS, recipient_phone: 'abc' }, 'recipient_phone'],
      ['a bad template name', { ...good, template: { name: 'Bad Name!' } }, 'template.name'],
      ['a bad deflectionId', { ...good, deflectionId: '../x' }, 'deflectionId'],
      ['a bad date', { ...good, consent: { method: 'ivr-dtmf', capturedAt: '2026-13-01T10:00:00Z' } }, 'consent.capturedAt'],
      ['a fallback it does not know', { ...good, fallback: 'email' }, 'fallback'],
      ['too many template parameters', { ...good, template: { name: 'x', parameters: Array.from({ length: 11 }, () => 'p') } }, 'template.parameters'],
    ])('%s → 400', async (_label, body, path) => {
      await expectProblem(await deflect(body), 400, path === '' ? undefined : path);
    });

    test('an oversized body → 413; metadata over 8 KB → 400', async () => {
      expect((await deflect({ ...good, metadata: { ticket: { note: 'x'.repeat(20_000) } } })).status).toBe(413);
      const big = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, 'y'.repeat(190)]));
      await expectProblem(await deflect({ ...good, metadata: { ticket: big } }), 400, 'metadata');
    });

    test('missing or wrong credentials → 401, before the body is read', async () => {
      await expectProblem(await deflect(good, {}), 401);
      await expectProblem(await deflect(good, { authorization: 'Key not-the-key-0123456789' }), 401);
      await expectProblem(await deflect(good, { 'x-api-key': 'not-the-key-0123456789' }), 401);
      await expectProblem(await deflect('{', {}), 401);
      await expectProblem(await fetch(`${host.url}/api/tickets/T-x/close`, { method: 'POST' }), 401);
      for (const path of ['deflections/D-bad', 'tickets/T-x']) {
        await expectProblem(await fetch(`${host.url}/api/${path}`), 401);
        await expectProblem(await fetch(`${host.url}/api/${path}`, { headers: { authorization: 'Key wrong-key-0123456789' } }), 401);
      }
    });

    test('an Idempotency-Key that cannot be an ID, or one naming another deflection → 400', async () => {
      await expectProblem(await deflect(good, { authorization: `Key ${API_KEY}`, 'idempotency-key': 'a b' }), 400, 'Idempotency-Key');
      await expectProblem(await deflect(good, { authorization: `Key ${API_KEY}`, 'idempotency-key': 'D-other' }), 400, 'deflectionId');
    });

    test('unknown or impossible IDs → 404', async () => {
      for (const path of ['deflections/D-none', 'tickets/T-none', 'deflections/..%2F..', `tickets/${'x'.repeat(300)}`]) await expectProblem(await host.api(path), 404);
      await expectProblem(await host.api('tickets/T-none/close', { method: 'POST' }), 404);
    });
  });
});
