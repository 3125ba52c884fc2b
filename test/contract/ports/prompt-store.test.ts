import { TablePromptStore } from '../../../src/adapters/tables/table-prompt-store';
import type { PromptStore, StoredPrompt } from '../../../src/ports/prompt-store';
import { useAzurite } from '../../integration/stores/store-fixtures';
import { FakePromptStore } from '../../fakes/fake-prompt-store';

const connectionString = useAzurite();

let counter = 0;
/** A prompt of a fresh meeting (so the Table runs do not see each other's rows). */
function prompt(customer: string, sender: string, openedAt: string, meetingId = `PS-${process.pid}-${(counter += 1)}`): StoredPrompt {
  const sendKey = `${meetingId}|1|confirmation|sms`;
  return { promptId: `prompt|${sendKey}`, meetingId, sendKey, channel: 'sms', customer, sender, locale: 'en-US', openedAt, closesAt: '2026-11-06T10:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] };
}

/** What every {@link PromptStore} must do, for the fake and the Table adapter alike. */
function promptStoreContract(make: () => PromptStore): void {
  test('open is insert-once; openFor finds the open prompts of a pair (or of a number), oldest first', async () => {
    const store = make();
    const customer = `+1425555${String(1000 + (counter % 9000)).padStart(4, '0')}`;
    const second = prompt(customer, '+18005550100', '2026-11-05T11:00:00.000Z');
    const first = prompt(customer, '+18005550100', '2026-11-05T10:00:00.000Z');
    const otherSender = prompt(customer, '+18005550199', '2026-11-05T12:00:00.000Z');
    for (const p of [second, first, otherSender]) await store.open(p);
    await store.open({ ...first, locale: 'es-ES' });
    expect(await store.get(first.promptId)).toEqual(first);
    expect((await store.openFor(customer, '+18005550100')).map((p) => p.promptId)).toEqual([first.promptId, second.promptId]);
    expect(await store.openFor(customer)).toHaveLength(3);
    expect(await store.openFor('+14255550000', '+18005550100')).toEqual([]);
  });

  test('close ends an open prompt once (with who closed it); it is no longer open; forMeeting lists it', async () => {
    const store = make();
    const p = prompt('+14255551111', '+18005550100', '2026-11-05T10:00:00.000Z');
    await store.open(p);
    expect(await store.close(p.promptId, 'confirmed', '2026-11-05T10:05:00.000Z', 'e1')).toBe(true);
    expect(await store.close(p.promptId, 'timeout', '2026-11-05T11:00:00.000Z', null)).toBe(false);
    expect(await store.get(p.promptId)).toMatchObject({ outcome: 'confirmed', closedAt: '2026-11-05T10:05:00.000Z', closedBy: 'e1' });
    expect((await store.openFor(p.customer, p.sender)).map((x) => x.promptId)).not.toContain(p.promptId);
    expect((await store.forMeeting(p.meetingId)).map((x) => x.outcome)).toEqual(['confirmed']);
    expect(await store.close('prompt|unknown|1|confirmation|sms', 'timeout', '2026-11-05T11:00:00.000Z', null)).toBe(false);
  });

  test('noteNoMatch counts distinct events; recordReply keeps a reply once per event and meeting', async () => {
    const store = make();
    const p = prompt('+14255552222', '+18005550100', '2026-11-05T10:00:00.000Z');
    await store.open(p);
    expect(await store.noteNoMatch(p.promptId, 'e1')).toBe(1);
    expect(await store.noteNoMatch(p.promptId, 'e1')).toBe(1);
    expect(await store.noteNoMatch(p.promptId, 'e2')).toBe(2);
    const reply = { eventId: 'e1', meetingId: p.meetingId, receivedAt: '2026-11-05T10:01:00.000Z', channel: 'sms', intent: 'unknown', outcome: 'help' } as const;
    await store.recordReply(reply);
    await store.recordReply({ ...reply, outcome: 'noMatch' });
    expect(await store.repliesFor(p.meetingId)).toEqual([reply]);
  });

  test('stopListening marks an open prompt once (it stays open); a closed one is left alone', async () => {
    const store = make();
    const p = prompt('+14255553333', '+18005550100', '2026-11-05T10:00:00.000Z');
    const closed = prompt('+14255553333', '+18005550100', '2026-11-05T10:30:00.000Z');
    await store.open(p);
    await store.open(closed);
    await store.close(closed.promptId, 'timeout', '2026-11-05T11:00:00.000Z', null);
    expect(await store.stopListening(p.promptId)).toBe(true);
    expect(await store.stopListening(p.promptId)).toBe(false);
    expect(await store.stopListening(closed.promptId)).toBe(false);
    expect(await store.get(p.promptId)).toEqual({ ...p, listening: false });
    expect((await store.openFor(p.customer, p.sender)).map((x) => [x.promptId, x.listening])).toEqual([[p.promptId, false]]);
    expect((await store.get(closed.promptId))?.listening).toBeUndefined();
  });

  test('listOpen lists open prompts of every number (at most limit), never closed ones', async () => {
    const store = make();
    const a = prompt('+14255554444', '+18005550100', '2026-11-05T10:00:00.000Z');
    const b = prompt('+14255554445', '+18005550199', '2026-11-05T10:00:00.000Z');
    const done = prompt('+14255554446', '+18005550100', '2026-11-05T10:00:00.000Z');
    for (const x of [a, b, done]) await store.open(x);
    await store.close(done.promptId, 'confirmed', '2026-11-05T10:05:00.000Z', 'e1');
    const ids = (await store.listOpen(10_000)).map((x) => x.promptId);
    expect(ids).toEqual(expect.arrayContaining([a.promptId, b.promptId]));
    expect(ids).not.toContain(done.promptId);
    expect(await store.listOpen(1)).toHaveLength(1);
  });
}

describe('FakePromptStore', () => promptStoreContract(() => new FakePromptStore()));
describe('TablePromptStore (Azurite)', () => promptStoreContract(() => new TablePromptStore(connectionString())));
