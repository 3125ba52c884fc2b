import { cancelMeeting } from '../../../../src/app/cancel-meeting';
import { eventPublisher, sweepEvents, SWEEP_AFTER_MS } from '../../../../src/app/events/publisher';
import { applyDeliveryReport } from '../../../../src/app/inbound/delivery-report';
import { answerPrompt, timeOutPrompt } from '../../../../src/app/replies/answer-prompt';
import { handleReply } from '../../../../src/app/replies/handle-reply';
import { scheduleMeeting } from '../../../../src/app/schedule-meeting';
import { parseEventData, type DomainEvent } from '../../../../src/domain/events/domain-event';
import { promptIdFor } from '../../../../src/domain';
import type { EventConsumer } from '../../../../src/ports/event-publisher';
import type { ReplyEvent } from '../../../../src/ports/inbound';
import type { StoredPrompt } from '../../../../src/ports/prompt-store';
import { FakeEventLog } from '../../../fakes/fake-event-log';
import { fakeDeps, type FakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { allOn, meeting, record } from '../../domain/fixtures';

const CUSTOMER = '+14255550123';
const SENDER = '+18005550100';

/** Every stored event, checked against its family's schema and for personal data. */
function events(deps: FakeDeps): DomainEvent[] {
  const all = [...deps.eventLog.events.values()].map((row) => row.event);
  for (const event of all) expect(parseEventData(event.type, event.data)).toEqual(event.data);
  const text = JSON.stringify(all);
  for (const secret of ['4255550123', '8005550100', '@', 'Bob', 'YES', 'Call me']) expect(text).not.toContain(secret);
  return all;
}
const types = (deps: FakeDeps) => events(deps).map((e) => e.type);

describe('the publisher', () => {
  const consumerOf = (seen: string[], fail = { times: 0 }): EventConsumer => ({
    name: 'test',
    async take(event) {
      if (fail.times-- > 0) throw new Error('receiver down');
      seen.push(event.id);
    },
  });

  test('the same cause twice is one event with one ID, taken once', async () => {
    const deps = fakeDeps();
    const seen: string[] = [];
    const publisher = eventPublisher({ eventLog: deps.eventLog, consumers: [consumerOf(seen)], clock: deps.clock, log: deps.log });
    const draft = { type: 'reply.unsolicited', cause: 'ev-1', subject: 'replies/ev-1', data: { replyId: 'ev-1', channel: 'sms', occurredAt: '2026-01-01T00:00:00.000Z' } } as const;
    const first = await publisher.publish(draft, new RecordingWorkflow());
    const second = await publisher.publish(draft, new RecordingWorkflow());
    expect(second.id).toBe(first.id);
    expect(seen).toEqual([first.id]);
    expect(deps.eventLog.events.size).toBe(1);
  });

  test('an event no consumer wants (no subscription asked for its type) is not stored; one a consumer wants is', async () => {
    const deps = fakeDeps();
    const seen: string[] = [];
    const wanting = (types: string[], into = seen): EventConsumer => ({ ...consumerOf(into), wants: async (type) => types.includes(type) });
    const draft = (cause: string) => ({ type: 'reply.unsolicited', cause, subject: `replies/${cause}`, data: { replyId: cause, channel: 'sms', occurredAt: '2026-01-01T00:00:00.000Z' } }) as const;
    await eventPublisher({ eventLog: deps.eventLog, consumers: [wanting(['meeting.confirmed'])], clock: deps.clock, log: deps.log }).publish(draft('ev-none'), new RecordingWorkflow());
    expect(deps.eventLog.events.size).toBe(0);
    expect(seen).toEqual([]);
    // One consumer that cannot tell is enough to store it.
    await eventPublisher({ eventLog: deps.eventLog, consumers: [wanting([], []), consumerOf([])], clock: deps.clock, log: deps.log }).publish(draft('ev-unsure'), new RecordingWorkflow());
    const wanted = await eventPublisher({ eventLog: deps.eventLog, consumers: [wanting(['reply.unsolicited'])], clock: deps.clock, log: deps.log }).publish(draft('ev-wanted'), new RecordingWorkflow());
    expect(deps.eventLog.events.size).toBe(2);
    expect(seen).toEqual([wanted.id]);
  });

  test('a consumer that fails leaves the event pending; the sweep hands it over once it is a minute old, and only once', async () => {
    const deps = fakeDeps();
    const seen: string[] = [];
    const parts = { eventLog: deps.eventLog, consumers: [consumerOf(seen, { times: 1 })], clock: deps.clock, log: deps.log };
    const event = await eventPublisher(parts).publish({ type: 'reply.unsolicited', cause: 'ev-2', subject: 'replies/ev-2', data: { channel: 'sms', occurredAt: '2026-01-01T00:00:00.000Z' } }, new RecordingWorkflow());
    expect(seen).toEqual([]);
    expect(await sweepEvents(parts, new RecordingWorkflow())).toEqual({ dispatched: 0, left: 0 });
    await deps.clock.sleep(SWEEP_AFTER_MS + 1);
    expect(await sweepEvents(parts, new RecordingWorkflow())).toEqual({ dispatched: 1, left: 0 });
    expect(await sweepEvents(parts, new RecordingWorkflow())).toEqual({ dispatched: 0, left: 0 });
    expect(seen).toEqual([event.id]);
  });

  test('without a workflow client the event is stored and waits for the sweep', async () => {
    const deps = fakeDeps();
    const seen: string[] = [];
    const parts = { eventLog: deps.eventLog, consumers: [consumerOf(seen)], clock: deps.clock, log: deps.log };
    await eventPublisher(parts).publish({ type: 'reply.unsolicited', cause: 'ev-3', subject: 'replies/ev-3', data: { channel: 'sms', occurredAt: '2026-01-01T00:00:00.000Z' } }, undefined);
    expect(seen).toEqual([]);
    await deps.clock.sleep(SWEEP_AFTER_MS + 1);
    await sweepEvents(parts, new RecordingWorkflow());
    expect(seen).toHaveLength(1);
  });

  test('a storage failure on append fails the use case (it is retried), publishing nothing', async () => {
    const deps = fakeDeps({ eventLog: new FakeEventLog() });
    deps.eventLog.failAppend = new Error('storage down');
    const publisher = eventPublisher({ eventLog: deps.eventLog, consumers: [], clock: deps.clock, log: deps.log });
    await expect(publisher.publish({ type: 'reply.unsolicited', cause: 'x', subject: 'replies/x', data: { channel: 'sms', occurredAt: '2026-01-01T00:00:00.000Z' } }, undefined)).rejects.toThrow('storage down');
    expect(deps.eventLog.events.size).toBe(0);
  });
});

describe('use cases publish what happened, once', () => {
  test('scheduling publishes meeting.scheduled once (a repeated request too); a change publishes meeting.updated with the new version', async () => {
    const deps = fakeDeps();
    const workflow = new RecordingWorkflow();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    await scheduleMeeting(deps, workflow, meeting({ start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T15:30:00.000Z' }), 'update');
    expect(types(deps)).toEqual(['meeting.scheduled', 'meeting.updated']);
    expect(deps.eventLog.ofType('meeting.updated')[0]).toMatchObject({ subject: 'meetings/A-1001', data: { meetingId: 'A-1001', version: 2, status: 'scheduled', attendance: 'unknown' } });
  });

  test('a cancellation publishes meeting.cancelled with who cancelled; repeating it publishes nothing more', async () => {
    const deps = fakeDeps();
    await deps.meetings.create(record());
    await cancelMeeting(deps, new RecordingWorkflow(), 'A-1001', { source: 'link' });
    await cancelMeeting(deps, new RecordingWorkflow(), 'A-1001', { source: 'link' });
    expect(events(deps)).toEqual([expect.objectContaining({ type: 'meeting.cancelled', data: expect.objectContaining({ status: 'cancelled', cancelledBy: 'link' }) })]);
  });

  test('delivery reports publish communication.delivered, or communication.failed with the reason; a late failure after delivery publishes nothing', async () => {
    const deps = fakeDeps();
    await deps.meetings.create(record());
    const about = { kind: 'meeting', id: 'A-1001' } as const;
    for (const [key, id] of [['A-1001|1|confirmation|sms', 'pm-1'], ['A-1001|1|confirmation|email', 'pm-2']] as const) {
      await deps.ledger.claim({ sendKey: key, about, type: 'confirmation', channel: key.endsWith('sms') ? 'sms' : 'email', plannedFor: null }, deps.clock.now());
      await deps.ledger.markSent(about, key, id, deps.clock.now());
      await deps.messageIndex.record(id, { about, sendKey: key });
    }
    const at = deps.clock.now().toISOString();
    await applyDeliveryReport(deps, new RecordingWorkflow(), { kind: 'delivered', eventId: 'd1', provider: 'acs', channel: 'sms', providerMessageId: 'pm-1', at } as never);
    await applyDeliveryReport(deps, new RecordingWorkflow(), { kind: 'undelivered', eventId: 'd2', provider: 'acs', channel: 'sms', providerMessageId: 'pm-1', at, reason: 'late', permanent: false } as never);
    await applyDeliveryReport(deps, new RecordingWorkflow(), { kind: 'undelivered', eventId: 'd3', provider: 'acs', channel: 'email', providerMessageId: 'pm-2', at, reason: 'Bounced', permanent: true } as never);
    expect(events(deps).map((e) => [e.type, e.data])).toEqual([
      ['communication.delivered', expect.objectContaining({ sendKey: 'A-1001|1|confirmation|sms', channel: 'sms', contactId: 'C-77' })],
      ['communication.failed', expect.objectContaining({ sendKey: 'A-1001|1|confirmation|email', reason: 'Bounced', permanent: true })],
    ]);
  });
});

describe('replies publish their outcomes', () => {
  async function withPrompt() {
    const settings = allOn();
    const deps = fakeDeps({ settings: new FakeSettingsStore({ ...settings, replies: { ...settings.replies, enabled: true, acknowledge: false }, cancellation: { email: false, sms: false, whatsapp: false, voice: false } }) });
    const base = record();
    await deps.meetings.create({ ...base, contact: { ...base.contact, phone: CUSTOMER } });
    const sendKey = 'A-1001|1|confirmation|sms';
    const prompt: StoredPrompt = { promptId: promptIdFor(sendKey), meetingId: 'A-1001', sendKey, channel: 'sms', customer: CUSTOMER, sender: SENDER, locale: 'en-US', openedAt: '2026-01-01T00:00:00.000Z', closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] };
    await deps.prompts.open(prompt);
    return { deps, workflow: new RecordingWorkflow(), promptId: prompt.promptId };
  }
  const answer = (eventId: string, intent: string) => ({ kind: 'reply', eventId, at: '2026-01-02T00:00:00.000Z', intent, choice: null }) as const;
  const sms = (text: string, eventId: string): ReplyEvent => ({ kind: 'reply', eventId, provider: 'acs', channel: 'sms', from: CUSTOMER, to: SENDER, text, at: '2026-01-02T00:00:00.000Z', providerMessageId: 'pm' });

  test.each([
    ['confirm', 'meeting.confirmed', 'confirmed'],
    ['reschedule', 'meeting.rescheduleRequested', 'rescheduleRequested'],
  ])('%s → %s with the prompt and the attendance; a redelivered reply publishes nothing more', async (intent, type, attendance) => {
    const { deps, workflow, promptId } = await withPrompt();
    await answerPrompt(deps, workflow, promptId, answer('e1', intent));
    await answerPrompt(deps, workflow, promptId, answer('e1', intent));
    expect(events(deps)).toEqual([expect.objectContaining({ type, subject: 'meetings/A-1001', data: expect.objectContaining({ promptId, attendance, contactId: 'C-77' }) })]);
  });

  test('cancel → meeting.cancelled by sms', async () => {
    const { deps, workflow, promptId } = await withPrompt();
    await answerPrompt(deps, workflow, promptId, answer('e1', 'cancel'));
    expect(events(deps)).toEqual([expect.objectContaining({ type: 'meeting.cancelled', data: expect.objectContaining({ cancelledBy: 'sms', attendance: 'declined' }) })]);
  });

  test('two replies that match nothing → one reply.noMatch; a timeout → reply.timeout, once', async () => {
    const { deps, workflow, promptId } = await withPrompt();
    await answerPrompt(deps, workflow, promptId, answer('e1', 'unknown'));
    expect(types(deps)).toEqual([]);
    await answerPrompt(deps, workflow, promptId, answer('e2', 'unknown'));
    await answerPrompt(deps, workflow, promptId, answer('e2', 'unknown'));
    expect(events(deps)).toEqual([expect.objectContaining({ type: 'reply.noMatch', data: expect.objectContaining({ promptId, replyId: 'e2', meetingId: 'A-1001' }) })]);

    const other = await withPrompt();
    await timeOutPrompt(other.deps, other.workflow, other.promptId);
    await timeOutPrompt(other.deps, other.workflow, other.promptId);
    expect(types(other.deps)).toEqual(['reply.timeout']);
  });

  test('STOP → contact.optedOut naming the contact, never the number; START → contact.optedIn; a reply nobody asked for → reply.unsolicited', async () => {
    const { deps, workflow } = await withPrompt();
    await handleReply(deps, workflow, sms('STOP', 's1'));
    await handleReply(deps, workflow, sms('STOP', 's1'));
    await handleReply(deps, workflow, { ...sms('START', 's2'), at: '2026-01-03T00:00:00.000Z' });
    await handleReply(deps, workflow, { ...sms('Call me please', 's3'), at: '2026-01-04T00:00:00.000Z' });
    expect(events(deps).map((e) => [e.type, e.data])).toEqual([
      ['contact.optedOut', expect.objectContaining({ contactId: 'C-77', meetingId: 'A-1001', source: 'reply', channel: 'sms' })],
      ['contact.optedIn', expect.objectContaining({ source: 'reply' })],
      ['reply.unsolicited', expect.objectContaining({ replyId: 's3', channel: 'sms' })],
    ]);
  });
});
