import { AppHost, meetingBody, type MeetingView } from '../support/app-host';
import { json } from '../support/devhost-process';

interface LocalTeams { meetingId: string; joinUrl: string; start: string; end: string; status: string }
type View = MeetingView & { online: { joinUrl: string | null; createTeamsMeeting: boolean } | null };

const LOCAL_JOIN = 'https://teams.devhost.localhost/l/meetup-join/';

/**
 * Issue [7/9]'s done-when on the devhost, without Graph settings: the local stand-in creates the
 * Teams meeting of a booking with `createTeamsMeeting: true`; its join link is in the confirmation
 * (outbox) and in GetMeeting; a reschedule moves it; a cancellation removes it.
 */
describe('Teams meetings on the devhost (local stand-in)', () => {
  let host: AppHost;
  beforeAll(async () => {
    host = await AppHost.start();
    await host.enableAll();
  });
  afterAll(async () => {
    await host.stop();
  });

  const teams = async (meetingId: string): Promise<LocalTeams[]> =>
    (await json<LocalTeams[]>(await fetch(`${host.url}/dev/outbox/teams`))).filter((m) => m.meetingId === meetingId);
  const view = async (id: string): Promise<View> => (await host.meeting(id)) as View;

  test('booked with createTeamsMeeting: the join link reaches the confirmation and GetMeeting; a reschedule moves the meeting; a cancellation deletes it', async () => {
    const body = meetingBody('TEAMS-1', await host.now(), 10, { location: null, online: { createTeamsMeeting: true } });
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const link = `${LOCAL_JOIN}TEAMS-1`;
    const [created] = await teams('TEAMS-1');
    expect(created).toMatchObject({ joinUrl: link, status: 'active', start: body.start, end: body.end });
    const email = (await host.outbox('TEAMS-1')).find((m) => m.type === 'confirmation' && m.channel === 'email');
    expect(email?.text).toContain(link);
    expect(email?.html).toContain(link);
    expect(email?.text).not.toContain('we will send you the link');
    expect((await view('TEAMS-1')).online).toEqual({ joinUrl: link, createTeamsMeeting: true });
    // A client sending back what GetMeeting returned keeps the Teams meeting: no change, no new version.
    const echoed = await host.api('meetings/TEAMS-1', { method: 'PUT', body: JSON.stringify({ ...body, online: (await view('TEAMS-1')).online }) });
    expect(await echoed.json()).toEqual({ meetingId: 'TEAMS-1', status: 'scheduled', version: 1 });
    const otherLink = await host.api('meetings/TEAMS-1', { method: 'PUT', body: JSON.stringify({ ...body, online: { joinUrl: 'https://meet.example.com/j/1', createTeamsMeeting: true } }) });
    expect(otherLink.status).toBe(400);

    const start = new Date(Date.parse(body.start as string) + 86_400_000).toISOString();
    const end = new Date(Date.parse(body.end as string) + 86_400_000).toISOString();
    const put = await host.api('meetings/TEAMS-1', { method: 'PUT', body: JSON.stringify({ ...body, start, end }) });
    expect(put.status).toBe(202);
    await host.settle();
    expect(await teams('TEAMS-1')).toMatchObject([{ joinUrl: link, status: 'active', start, end }]);
    const updated = (await host.outbox('TEAMS-1')).filter((m) => m.type === 'confirmation' && m.channel === 'email');
    expect(updated).toHaveLength(2);
    expect(updated[1]?.text).toContain(link);
    expect((await view('TEAMS-1')).version).toBe(2);

    const cancel = await host.api('meetings/TEAMS-1/cancel', { method: 'POST', body: JSON.stringify({ contactId: 'C-77' }) });
    expect(cancel.status).toBe(200);
    await host.settle();
    expect(await teams('TEAMS-1')).toMatchObject([{ status: 'deleted' }]);
    const after = await view('TEAMS-1');
    expect(after.status).toBe('cancelled');
    expect(after.online).toEqual({ joinUrl: null, createTeamsMeeting: true });
  });

  test('a meeting with its own join link gets no Teams meeting; an update that asks for one creates it and the new version carries the link', async () => {
    const own = 'https://meet.example.com/j/123';
    const body = meetingBody('TEAMS-2', await host.now(), 10, { location: null, online: { joinUrl: own } });
    await host.schedule(body);
    await host.settle();
    expect(await teams('TEAMS-2')).toEqual([]);
    expect((await host.outbox('TEAMS-2')).find((m) => m.channel === 'email')?.text).toContain(own);
    await host.api('meetings/TEAMS-2', { method: 'PUT', body: JSON.stringify({ ...body, online: { createTeamsMeeting: true } }) });
    await host.settle();
    expect(await teams('TEAMS-2')).toMatchObject([{ status: 'active' }]);
    const emails = (await host.outbox('TEAMS-2')).filter((m) => m.channel === 'email');
    expect(emails.at(-1)?.text).toContain(`${LOCAL_JOIN}TEAMS-2`);
  });

  test('GET /dev/outbox/teams takes GET only', async () => {
    const res = await fetch(`${host.url}/dev/outbox/teams`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
