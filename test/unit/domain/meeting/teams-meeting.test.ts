import { planCommunications, PLAN_REASONS, teamsLinkPendingUntil, teamsRetryAt, teamsWork, withTeamsLink, type MeetingRecord, type TeamsMeetingState } from '../../../../src/domain';
import { allOn, record } from '../fixtures';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const teamsOn = { online: { joinUrl: null, createTeamsMeeting: true } } as const;
const created: TeamsMeetingState = {
  id: 'om-1', organizer: 'org-1', joinUrl: 'https://teams.example/join/1', attempts: 0, retryAt: null, error: null, failedVersion: null, gaveUp: false,
  synced: { subject: 'Mortgage review', start: '2026-12-03T15:00:00.000Z', end: '2026-12-03T15:30:00.000Z' },
};
const teamsRecord = (overrides: Partial<MeetingRecord> = {}): MeetingRecord => record({ ...teamsOn, versionAt: NOW.toISOString(), ...overrides });

describe('teamsWork', () => {
  test.each<[string, Partial<MeetingRecord>, string]>([
    ['not a Teams meeting', { online: null }, 'none'],
    ['a link given by the caller', { online: { joinUrl: 'https://x.example/j', createTeamsMeeting: false } }, 'none'],
    ['a Teams meeting without one yet', {}, 'create'],
    ['created, unchanged', { teams: created }, 'none'],
    ['created, then moved', { teams: created, start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T15:30:00.000Z' }, 'update'],
    ['created, then renamed', { teams: created, subject: 'Pension review' }, 'update'],
    ['created, then cancelled', { teams: created, status: 'cancelled', cancellation: { cancelledAt: NOW.toISOString(), source: 'api', reason: null } }, 'delete'],
    ['created, then the caller gave its own link', { teams: created, online: { joinUrl: 'https://x.example/j', createTeamsMeeting: false } }, 'delete'],
    ['cancelled before one was created', { status: 'cancelled', cancellation: { cancelledAt: NOW.toISOString(), source: 'api', reason: null } }, 'none'],
    ['completed', { status: 'completed', teams: created, subject: 'changed' }, 'none'],
    ['started without one', { start: '2026-11-20T09:00:00.000Z', end: '2026-11-20T09:30:00.000Z' }, 'none'],
    ['retries given up for this version', { teams: { ...created, id: null, joinUrl: null, gaveUp: true, failedVersion: 1 } }, 'none'],
    ['retries given up for an earlier version: tried again', { version: 2, teams: { ...created, id: null, joinUrl: null, gaveUp: true, failedVersion: 1, retryAt: '2026-11-21T00:00:00.000Z' } }, 'create'],
  ])('%s → %s', (_name, overrides, kind) => {
    expect(teamsWork(teamsRecord(overrides), NOW).kind).toBe(kind);
  });

  test('a failed call is due at its retry time, not before', () => {
    const retryAt = '2026-11-20T10:05:00.000Z';
    expect(teamsWork(teamsRecord({ teams: { ...created, id: null, joinUrl: null, attempts: 1, retryAt, failedVersion: 1 } }), NOW)).toEqual({ kind: 'create', dueAt: retryAt });
    // An update since the failure: due at once.
    expect(teamsWork(teamsRecord({ version: 2, teams: { ...created, id: null, joinUrl: null, attempts: 1, retryAt, failedVersion: 1 } }), NOW)).toEqual({ kind: 'create', dueAt: NOW.toISOString() });
  });
});

describe('teamsRetryAt', () => {
  test('backs off 30 s doubling, at most 30 min, and never sooner than Retry-After', () => {
    const at = (attempts: number, after?: number) => Date.parse(teamsRetryAt(NOW, attempts, after)) - NOW.getTime();
    expect([1, 2, 3, 10].map((n) => at(n))).toEqual([30_000, 60_000, 120_000, 1_800_000]);
    expect(at(1, 90_000)).toBe(90_000);
  });
});

describe('the join link and the messages', () => {
  test('a confirmation waits for the link until the version time plus the wait, then goes without it', () => {
    const meeting = teamsRecord();
    expect(teamsLinkPendingUntil(meeting, 300_000)).toBe('2026-11-20T10:05:00.000Z');
    const held = planCommunications({ meeting, settings: allOn(), ledger: [], now: NOW, optedOut: new Set(), teamsLinkWaitMs: 300_000 });
    const confirmations = held.filter((p) => p.type === 'confirmation' && p.status !== 'skipped');
    expect(confirmations.map((p) => [p.status, p.dueAt, p.reason])).toEqual([
      ['planned', '2026-11-20T10:05:00.000Z', PLAN_REASONS.waitingForJoinLink],
      ['planned', '2026-11-20T10:05:00.000Z', PLAN_REASONS.waitingForJoinLink],
    ]);
    const later = planCommunications({ meeting, settings: allOn(), ledger: [], now: new Date('2026-11-20T10:05:00.000Z'), optedOut: new Set(), teamsLinkWaitMs: 300_000 });
    expect(later.filter((p) => p.type === 'confirmation' && p.status !== 'skipped').map((p) => p.status)).toEqual(['due', 'due']);
  });

  test('nothing waits once the link is there, when its creation gave up, or without a wait', () => {
    expect(teamsLinkPendingUntil(teamsRecord({ teams: created }), 300_000)).toBeUndefined();
    expect(teamsLinkPendingUntil(teamsRecord({ teams: { ...created, id: null, joinUrl: null, gaveUp: true, failedVersion: 1 } }), 300_000)).toBeUndefined();
    expect(teamsLinkPendingUntil(teamsRecord(), 0)).toBeUndefined();
    expect(teamsLinkPendingUntil(record({ online: null }), 300_000)).toBeUndefined();
    const plan = planCommunications({ meeting: teamsRecord({ teams: created }), settings: allOn(), ledger: [], now: NOW, optedOut: new Set(), teamsLinkWaitMs: 300_000 });
    expect(plan.filter((p) => p.type === 'confirmation' && p.status !== 'skipped').map((p) => p.status)).toEqual(['due', 'due']);
  });

  test('messages and GetMeeting see the Teams link as online.joinUrl; a caller\'s own link stays', () => {
    expect(withTeamsLink(teamsRecord({ teams: created })).online).toEqual({ joinUrl: 'https://teams.example/join/1', createTeamsMeeting: true });
    expect(withTeamsLink(teamsRecord()).online).toEqual({ joinUrl: null, createTeamsMeeting: true });
    const own = record({ online: { joinUrl: 'https://x.example/j', createTeamsMeeting: false }, teams: created });
    expect(withTeamsLink(own).online?.joinUrl).toBe('https://x.example/j');
  });
});
