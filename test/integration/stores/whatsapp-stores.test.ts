import { TableConversationWindows } from '../../../src/adapters/tables/table-conversation-windows';
import { TableDeflectionStore } from '../../../src/adapters/tables/table-deflection-store';
import { TableTemplateStore } from '../../../src/adapters/tables/table-template-store';
import { TableTicketStore } from '../../../src/adapters/tables/table-ticket-store';
import { CorruptRowError, TEMPLATES_TABLE } from '../../../src/adapters/tables/table-client';
import type { StoredDeflection } from '../../../src/ports/deflection-store';
import type { StoredTicket } from '../../../src/ports/ticket-store';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const PHONE = '+34612345678';

describe('Table stores of WhatsApp and deflections (Azurite)', () => {
  test('a WhatsApp mapping is kept as one JSON document and read back as it was saved', async () => {
    const store = new TableTemplateStore(connectionString());
    const mapping = { name: 'meeting_reminder', language: 'es_ES', body: 'Hola {{ contactFirstName }}, hasta el {{ startDateShort }}.', buttons: [{ text: 'Confirmar', payload: 'confirm' as const }] };
    const saved = await store.put('reminder', 'whatsapp', 'es-ES', mapping, { at: new Date('2026-12-01T10:00:00Z'), by: 'admin' });
    expect((await store.get('reminder', 'whatsapp', 'es-ES'))?.template).toEqual(mapping);
    expect((await store.history('reminder', 'whatsapp', 'es-ES')).map((v) => v.version)).toEqual([saved.version]);
    // A row whose document is not JSON is reported, naming the table and the part, not its data.
    await rawTable(connectionString(), TEMPLATES_TABLE).updateEntity({ partitionKey: 'reminder|whatsapp|es-ES', rowKey: 'current', mapping0: '{not json', mappingParts: 1 }, 'Merge');
    await expect(store.get('reminder', 'whatsapp', 'es-ES')).rejects.toBeInstanceOf(CorruptRowError);
  });

  test("the customer's window only moves forward, and the number is not a key", async () => {
    const windows = new TableConversationWindows(connectionString());
    expect(await windows.lastInboundAt(PHONE)).toBeUndefined();
    await windows.recordInbound(PHONE, '2026-12-01T10:00:00.000Z');
    await windows.recordInbound(PHONE, '2026-12-01T09:00:00.000Z');
    await Promise.all([windows.recordInbound(PHONE, '2026-12-01T11:00:00.000Z'), windows.recordInbound(PHONE, '2026-12-01T10:30:00.000Z')]);
    expect(await windows.lastInboundAt(PHONE)).toBe('2026-12-01T11:00:00.000Z');
    const rows = [];
    for await (const row of rawTable(connectionString(), 'WhatsAppWindows').listEntities()) rows.push(row);
    expect(JSON.stringify(rows)).not.toContain('612345678');
  });

  test('a ticket: opened once, found open for its customer, messages once each in time order, closed once', async () => {
    const tickets = new TableTicketStore(connectionString());
    const ticket: StoredTicket = { ticketId: 'T-1', deflectionId: 'D-1', customer: PHONE, businessPhone: '+34910000000', teamId: 'cards', status: 'open', metadata: { user: { segment: 'gold' }, ticket: { typology: 'billing' } }, createdAt: '2026-12-01T10:00:00.000Z' };
    expect(await tickets.open(ticket)).toEqual(ticket);
    expect(await tickets.open({ ...ticket, teamId: 'other' })).toEqual(ticket);
    expect(await tickets.openFor(PHONE)).toEqual(ticket);
    const message = { ticketId: 'T-1', channel: 'whatsapp' as const, buttonPayload: null };
    expect(await tickets.addMessage({ ...message, messageId: 'e2', receivedAt: '2026-12-01T10:02:00.000Z', text: 'second' })).toBe(true);
    expect(await tickets.addMessage({ ...message, messageId: 'e1', receivedAt: '2026-12-01T10:01:00.000Z', text: 'first' })).toBe(true);
    expect(await tickets.addMessage({ ...message, messageId: 'e1', receivedAt: '2026-12-01T10:01:00.000Z', text: 'first' })).toBe(false);
    expect((await tickets.messages('T-1')).map((m) => m.text)).toEqual(['first', 'second']);
    expect(await tickets.close('T-1', '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(await tickets.close('T-1', '2026-12-01T11:00:00.000Z')).toBe(false);
    expect(await tickets.openFor(PHONE)).toBeUndefined();
    expect((await tickets.get('T-1'))?.status).toBe('closed');
  });

  test('a deflection: created once (a second create returns the first), status only forward', async () => {
    const deflections = new TableDeflectionStore(connectionString());
    const d: StoredDeflection = {
      deflectionId: 'D-9', ticketId: 'T-9', fingerprint: 'f1', businessPhone: '+34910000000', recipientPhone: PHONE, template: { name: 't', language: 'es', parameters: ['Ana'] },
      teamId: null, fallback: 'sms', status: 'accepted', reason: null, messageId: null, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    };
    expect(await deflections.create(d)).toEqual({ created: true, deflection: d });
    expect(await deflections.create({ ...d, fingerprint: 'f2' })).toEqual({ created: false, deflection: d });
    expect(await deflections.advance('D-9', 'delivered', { messageId: 'm1' }, '2026-12-01T10:01:00.000Z')).toMatchObject({ status: 'delivered', messageId: 'm1' });
    expect(await deflections.advance('D-9', 'sent', { messageId: 'm2' }, '2026-12-01T10:02:00.000Z')).toMatchObject({ status: 'delivered', messageId: 'm1' });
    expect(await deflections.advance('D-9', 'failed', { reason: 'late' }, '2026-12-01T10:03:00.000Z')).toMatchObject({ status: 'delivered', reason: null });
    expect(await deflections.advance('D-9', 'replied', {}, '2026-12-01T10:04:00.000Z')).toMatchObject({ status: 'replied' });
    expect(await deflections.get('D-9')).toMatchObject({ status: 'replied', template: d.template });
    expect(await deflections.advance('D-none', 'sent', {}, '2026-12-01T10:00:00.000Z')).toBeUndefined();
  });

  test('listAccepted: only accepted deflections created in the range, paged without losing or repeating one', async () => {
    const deflections = new TableDeflectionStore(connectionString());
    const at = (minute: number) => `2031-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const row = (deflectionId: string, createdAt: string): StoredDeflection => ({
      deflectionId, ticketId: `T-${deflectionId}`, fingerprint: 'f', businessPhone: '+34910000000', recipientPhone: PHONE, template: { name: 't', language: 'es', parameters: [] },
      teamId: null, fallback: 'none', status: 'accepted', reason: null, messageId: null, createdAt, updatedAt: createdAt,
    });
    const inRange = ['LA-1', 'LA-2', 'LA-3', 'LA-4', 'LA-5'];
    for (const [n, id] of inRange.entries()) await deflections.create(row(id, at(10 + n)));
    await deflections.create(row('LA-EARLY', at(1)));
    await deflections.create(row('LA-LATE', at(30)));
    await deflections.create(row('LA-SENT', at(12)));
    await deflections.advance('LA-SENT', 'sent', { messageId: 'm' }, at(13));
    const found: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await deflections.listAccepted({ createdSince: at(10), createdBefore: at(30), size: 2, ...(after === undefined ? {} : { after }) });
      found.push(...page.ids);
      after = page.next;
      pages += 1;
    } while (after !== undefined);
    expect(found.sort()).toEqual(inRange);
    expect(pages).toBe(3);
  });
});
