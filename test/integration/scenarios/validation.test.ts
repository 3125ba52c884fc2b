import { API_KEY, AppHost, useAppHost, kinds, meetingBody } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { DAY, expectProblem, moved } from './scenario-support';

/**
 * The HTTP contract's negatives (API.md, Errors): every bad request gets a problem+json naming the
 * field, and a rejected request stores nothing. One devhost for the file.
 */
describe('ScheduleMeeting / UpdateMeeting / GetMeeting: idempotency and validation (scenario 10)', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });

  const getStatus = async (id: string): Promise<number> => {
    const res = await host.api(`meetings/${encodeURIComponent(id)}`);
    await res.text();
    return res.status;
  };

  /** After a rejected request nothing was stored and nothing sent. */
  const expectNothingStored = async (id: string): Promise<void> => {
    await host.settle();
    expect(await getStatus(id)).toBe(404);
    expect(await host.outbox(id)).toEqual([]);
  };

  test('the same body twice gives the same 202 reply and one confirmation per channel', async () => {
    const id = 'IDEM-1';
    const body = meetingBody(id, await host.now(), 10);
    const first = await host.schedule(body);
    expect(first.status).toBe(202);
    const firstReply = await first.json();
    expect(firstReply).toEqual({ meetingId: id, status: 'scheduled', version: 1 });
    await host.settle();

    const second = await host.schedule(body);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(firstReply);
    await host.settle();

    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);
    const view = await host.meeting(id);
    expect(view.version).toBe(1);
    expect(view.communications.filter((c) => c.type === 'confirmation').map((c) => `${c.channel}:${c.status}`).sort()).toEqual(['email:delivered', 'sms:delivered', 'voice:skipped', 'whatsapp:skipped']);
  });

  test('malformed JSON → 400 problem+json, nothing stored', async () => {
    const id = 'BAD-JSON-1';
    const res = await host.api('meetings', { method: 'POST', body: `{"meetingId":"${id}","subject":` });
    await expectProblem(res, 400);
    await expectNothingStored(id);
  });

  test.each([
    ['wrong type: subject 5', 'BAD-SUBJECT-1', { subject: 5 }, 'subject'],
    ["bad date: start 'tomorrow'", 'BAD-START-1', { start: 'tomorrow' }, 'start'],
    ['bad phone: 12ab', 'BAD-PHONE-1', { contact: { phone: '12ab' } }, 'contact.phone'],
    ['bad time zone', 'BAD-ZONE-1', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
  ])('%s → 400 naming the field, nothing stored', async (_label, id, overrides, path) => {
    const res = await host.schedule(meetingBody(id, await host.now(), 10, overrides));
    await expectProblem(res, 400, path);
    await expectNothingStored(id);
  });

  test('end before start → 400 naming end, nothing stored', async () => {
    const id = 'BAD-END-1';
    const body = meetingBody(id, await host.now(), 10);
    const res = await host.schedule({ ...body, end: new Date(Date.parse(body.start as string) - 30 * 60_000).toISOString() });
    await expectProblem(res, 400, 'end');
    await expectNothingStored(id);
  });

  test('a body over 64 KB → 413, nothing stored', async () => {
    const id = 'TOO-BIG-1';
    const body = meetingBody(id, await host.now(), 10, { customerNotes: 'x'.repeat(70 * 1024) });
    const res = await host.schedule(body);
    await expectProblem(res, 413);
    await expectNothingStored(id);
  });

  test('a missing or wrong x-api-key → 401, nothing stored', async () => {
    const id = 'NO-KEY-1';
    const body = JSON.stringify(meetingBody(id, await host.now(), 10));
    const missing = await fetch(`${host.url}/api/meetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectProblem(missing, 401);
    await expectNothingStored(id);
    const wrong = await host.api('meetings', { method: 'POST', headers: { 'x-api-key': `${API_KEY.slice(0, -1)}X` }, body });
    await expectProblem(wrong, 401);
    await expectNothingStored(id);
    // GetMeeting too requires the key.
    const get = await fetch(`${host.url}/api/meetings/IDEM-1`);
    await expectProblem(get, 401);
  });

  test('UpdateMeeting of an unknown meeting → 404 and it is not created', async () => {
    const id = 'UNKNOWN-UPDATE-1';
    const res = await host.api(`meetings/${id}`, { method: 'PUT', body: JSON.stringify(meetingBody(id, await host.now(), 10)) });
    await expectProblem(res, 404);
    await expectNothingStored(id);
  });

  test('UpdateMeeting of a cancelled meeting → 409 and the meeting is unchanged', async () => {
    const id = 'CANCELLED-UPDATE-1';
    const body = meetingBody(id, await host.now(), 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const cancel = await host.api(`meetings/${id}/cancel`, { method: 'POST', body: JSON.stringify({ source: 'external' }) });
    expect(cancel.status).toBe(200);
    await host.settle();
    const before = await host.meeting(id);

    const res = await host.api(`meetings/${id}`, { method: 'PUT', body: JSON.stringify(moved(body, DAY)) });
    await expectProblem(res, 409);
    await host.settle();
    const after = await host.meeting(id);
    expect(after.status).toBe('cancelled');
    expect(after.version).toBe(1);
    expect(after.start).toBe(before.start);
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);
  });

  test('GetMeeting of an unknown id → 404 problem+json', async () => {
    await expectProblem(await host.api('meetings/NO-SUCH-MEETING'), 404);
  });
});

interface SettingsDoc { reminder: { daysBefore: number }; [key: string]: unknown }

describe('Settings API negatives (scenario 11)', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));

  const read = async (): Promise<{ etag: string; body: SettingsDoc }> => {
    const res = await host.api('settings');
    expect(res.status).toBe(200);
    return { etag: res.headers.get('etag') ?? '', body: await json<SettingsDoc>(res) };
  };
  const patch = (etag: string | null, body: unknown): Promise<Response> =>
    host.api('settings', { method: 'PATCH', headers: etag === null ? {} : { 'if-match': etag }, body: JSON.stringify(body) });

  test('PATCH without If-Match → 428, nothing changed', async () => {
    const before = await read();
    expect(before.etag).not.toBe('');
    await expectProblem(await patch(null, { reminder: { daysBefore: 3 } }), 428);
    expect(await read()).toEqual(before);
  });

  test('PATCH with a stale ETag → 412, the newer change stays', async () => {
    const stale = await read();
    const ok = await patch(stale.etag, { reminder: { daysBefore: 4 } });
    expect(ok.status).toBe(200);
    const current = await read();
    expect(current.body.reminder.daysBefore).toBe(4);
    expect(current.etag).not.toBe(stale.etag);
    expect(ok.headers.get('etag')).toBe(current.etag);

    await expectProblem(await patch(stale.etag, { reminder: { daysBefore: 7 } }), 412);
    expect(await read()).toEqual(current);
  });

  test.each([[0], [31], ['2']])('reminder.daysBefore %p → 400 naming reminder.daysBefore, nothing changed', async (value) => {
    const before = await read();
    await expectProblem(await patch(before.etag, { reminder: { daysBefore: value } }), 400, 'reminder.daysBefore');
    expect(await read()).toEqual(before);
  });

  test('two concurrent PATCHes with the same ETag → exactly one 200 and one 412', async () => {
    const { etag } = await read();
    const [a, b] = await Promise.all([patch(etag, { reminder: { daysBefore: 5 } }), patch(etag, { reminder: { daysBefore: 6 } })]);
    const statuses = [a.status, b.status].sort();
    await Promise.all([a.text(), b.text()]);
    expect(statuses).toEqual([200, 412]);
    const after = await read();
    const winner = a.status === 200 ? 5 : 6;
    expect(after.body.reminder.daysBefore).toBe(winner);
  });
});
