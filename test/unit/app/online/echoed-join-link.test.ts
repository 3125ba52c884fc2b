import { withoutEchoedTeamsLink } from '../../../../src/app/online/echoed-join-link';
import { fakeDeps } from '../../../fakes/fake-deps';
import { record } from '../../domain/fixtures';

const LINK = 'https://teams.example/join/A-1001';

describe('withoutEchoedTeamsLink', () => {
  async function deps() {
    const d = fakeDeps();
    await d.meetings.create(record({
      online: { joinUrl: null, createTeamsMeeting: true },
      teams: { id: 'om-1', organizer: 'org', joinUrl: LINK, synced: null, attempts: 0, retryAt: null, error: null, failedVersion: null, gaveUp: false },
    }));
    return d;
  }

  test('the Teams link GetMeeting showed, sent back with createTeamsMeeting: dropped', async () => {
    const body = { meetingId: 'A-1001', online: { joinUrl: ` ${LINK}`, createTeamsMeeting: true } };
    expect(await withoutEchoedTeamsLink(await deps(), body, undefined)).toEqual({ meetingId: 'A-1001', online: { createTeamsMeeting: true } });
    expect(await withoutEchoedTeamsLink(await deps(), { online: body.online }, 'A-1001')).toEqual({ online: { createTeamsMeeting: true } });
  });

  test.each<[string, unknown, string | undefined]>([
    ['another link', { meetingId: 'A-1001', online: { joinUrl: 'https://x.example/j', createTeamsMeeting: true } }, undefined],
    ['the link without createTeamsMeeting', { meetingId: 'A-1001', online: { joinUrl: LINK } }, undefined],
    ['an unknown meeting', { meetingId: 'B-1', online: { joinUrl: LINK, createTeamsMeeting: true } }, undefined],
    ['an ID no meeting can have', { meetingId: '../x', online: { joinUrl: LINK, createTeamsMeeting: true } }, undefined],
    ['not an object', 'text', undefined],
  ])('%s: left as sent (validation decides)', async (_name, body, path) => {
    expect(await withoutEchoedTeamsLink(await deps(), body, path)).toEqual(body);
  });
});
