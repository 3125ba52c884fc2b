import { z } from 'zod';
import { updateSettings } from '../../../src/app/update-settings';
import { CHANNEL_MODULES } from '../../../src/channels/registry';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain';
import { channelToggleShape } from '../../../src/domain/settings/settings-schema';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { allOn } from '../domain/fixtures';

/** A JSON copy of a settings document, as a PUT body arrives. */
const body = (settings: Settings = allOn()): Record<string, Record<string, unknown>> => JSON.parse(JSON.stringify(settings)) as Record<string, Record<string, unknown>>;

async function setup() {
  const deps = fakeDeps();
  const workflow = new RecordingWorkflow();
  const { etag } = await deps.settings.get();
  return { deps, workflow, etag };
}

describe('updateSettings', () => {
  test('a PUT with the current ETag saves the document with its author and time, and broadcasts once', async () => {
    const { deps, workflow, etag } = await setup();
    const outcome = await updateSettings(deps, workflow, { mode: 'put', body: body(), ifMatch: etag, by: 'admin@contoso.com' });
    const stored = await deps.settings.get();
    expect(outcome).toEqual({ kind: 'saved', stored });
    expect(stored).toMatchObject({ settings: allOn(), updatedAt: deps.clock.now().toISOString(), updatedBy: 'admin@contoso.com' });
    expect(stored.etag).not.toBe(etag);
    expect(workflow.calls).toEqual([{ method: 'broadcastSettingsChanged', epoch: stored.etag }]);
  });

  test('a stale ETag → stale: nothing saved, nothing broadcast', async () => {
    const { deps, workflow, etag } = await setup();
    await updateSettings(deps, workflow, { mode: 'put', body: body(), ifMatch: etag, by: null });
    expect(await updateSettings(deps, workflow, { mode: 'put', body: body(DEFAULT_SETTINGS), ifMatch: etag, by: null })).toEqual({ kind: 'stale' });
    expect(await updateSettings(deps, workflow, { mode: 'patch', body: { enabled: false }, ifMatch: etag, by: null })).toEqual({ kind: 'stale' });
    expect(deps.settings.saves).toEqual([allOn()]);
    expect(workflow.calls).toHaveLength(1);
  });

  test('a stale ETag is answered before the body is looked at', async () => {
    const { deps, workflow } = await setup();
    expect(await updateSettings(deps, workflow, { mode: 'put', body: { enabled: 'yes' }, ifMatch: 'W/"old"', by: null })).toEqual({ kind: 'stale' });
  });

  test('a save that loses to a concurrent one (between the read and the write) is stale', async () => {
    const { deps, workflow, etag } = await setup();
    const get = deps.settings.get.bind(deps.settings);
    jest.spyOn(deps.settings, 'get').mockImplementationOnce(async () => {
      const read = await get();
      await deps.settings.replace(DEFAULT_SETTINGS, read.etag, { at: deps.clock.now(), by: 'other' });
      return read;
    });
    expect(await updateSettings(deps, workflow, { mode: 'put', body: body(), ifMatch: etag, by: 'me' })).toEqual({ kind: 'stale' });
    expect((await deps.settings.get()).updatedBy).toBe('other');
    expect(workflow.calls).toEqual([]);
  });

  test('an invalid body → invalid, naming the field; nothing saved, nothing broadcast', async () => {
    const { deps, workflow, etag } = await setup();
    const wrong = body();
    wrong['reminder']!['daysBefore'] = 0;
    wrong['confirmation']!['fax'] = true;
    const outcome = await updateSettings(deps, workflow, { mode: 'put', body: wrong, ifMatch: etag, by: null });
    expect(outcome).toEqual({ kind: 'invalid', errors: expect.arrayContaining([{ path: 'reminder.daysBefore', message: 'must be at least 1' }, { path: 'confirmation.fax', message: 'is not a known field' }]) });
    expect(deps.settings.saves).toEqual([]);
    expect(workflow.calls).toEqual([]);
  });

  test.each(CHANNEL_MODULES.map((m) => [m.name, m.toggleRequired] as const))('a PUT without the %s toggles: required=%s decides', async (name, required) => {
    const { deps, workflow, etag } = await setup();
    const partial = body();
    for (const type of ['confirmation', 'reminder', 'cancellation']) delete partial[type]![name];
    const outcome = await updateSettings(deps, workflow, { mode: 'put', body: partial, ifMatch: etag, by: null });
    if (required) {
      expect(outcome).toEqual({ kind: 'invalid', errors: expect.arrayContaining([{ path: `confirmation.${name}`, message: 'is required' }]) });
      expect(deps.settings.saves).toEqual([]);
    } else {
      // A channel added after the first release: old clients leave it out, and it stays off.
      expect(outcome.kind).toBe('saved');
      const saved = (await deps.settings.get()).settings;
      expect([saved.confirmation[name], saved.reminder[name], saved.cancellation[name]]).toEqual([false, false, false]);
    }
  });

  test('a toggle the registry marks optional defaults to off when left out (the rule the PUT above relies on)', () => {
    const toggles = z.strictObject(channelToggleShape([{ name: 'email', toggleRequired: true }, { name: 'later', toggleRequired: false }]));
    expect(toggles.parse({ email: true })).toEqual({ email: true, later: false });
    expect(toggles.safeParse({ later: true }).success).toBe(false);
  });

  test('a PATCH merges into the current document and saves the result', async () => {
    const { deps, workflow, etag } = await setup();
    const first = await updateSettings(deps, workflow, { mode: 'put', body: body(), ifMatch: etag, by: null });
    const current = first.kind === 'saved' ? first.stored.etag : '';
    const outcome = await updateSettings(deps, workflow, { mode: 'patch', body: { reminder: { daysBefore: 5, sendAtLocalTime: '09:30', sms: false } }, ifMatch: current, by: 'admin' });
    expect(outcome.kind).toBe('saved');
    expect((await deps.settings.get()).settings).toEqual({ ...allOn(), reminder: { ...allOn().reminder, daysBefore: 5, sendAtLocalTime: '09:30', sms: false } });
    expect(workflow.of('broadcastSettingsChanged')).toHaveLength(2);
  });

  test('a PATCH that removes a required field, or is not an object, is invalid and saves nothing', async () => {
    const { deps, workflow, etag } = await setup();
    expect(await updateSettings(deps, workflow, { mode: 'patch', body: { reminder: { daysBefore: null } }, ifMatch: etag, by: null })).toEqual({ kind: 'invalid', errors: [{ path: 'reminder.daysBefore', message: 'is required' }] });
    expect(await updateSettings(deps, workflow, { mode: 'patch', body: [true], ifMatch: etag, by: null })).toMatchObject({ kind: 'invalid' });
    expect(deps.settings.saves).toEqual([]);
    expect(workflow.calls).toEqual([]);
  });
});

describe('updateSettings: turning replies off ends every open prompt', () => {
  const prompt = (n: number, customer: string) => {
    const sendKey = `A-${n}|1|confirmation|sms`;
    return { promptId: `prompt|${sendKey}`, meetingId: `A-${n}`, sendKey, channel: 'sms' as const, customer, sender: '+18005550100', locale: 'en-US', openedAt: `2026-11-05T1${n}:00:00.000Z`, closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open' as const, closedAt: null, closedBy: null, noMatches: [] };
  };

  async function withReplies() {
    const { deps, workflow, etag } = await setup();
    const on = allOn();
    await updateSettings(deps, workflow, { mode: 'put', body: body({ ...on, replies: { ...on.replies, enabled: true } }), ifMatch: etag, by: null });
    for (const p of [prompt(1, '+14255550123'), prompt(2, '+14255550124'), { ...prompt(3, '+14255550124'), outcome: 'confirmed' as const }]) await deps.prompts.open(p);
    return { deps, workflow, etag: (await deps.settings.get()).etag };
  }

  test('true → false (PATCH): every open prompt of every number ends superseded, and its orchestration is told', async () => {
    const { deps, workflow, etag } = await withReplies();
    expect((await updateSettings(deps, workflow, { mode: 'patch', body: { replies: { enabled: false } }, ifMatch: etag, by: null })).kind).toBe('saved');
    expect([...deps.prompts.prompts.values()].map((p) => [p.meetingId, p.outcome])).toEqual([['A-1', 'superseded'], ['A-2', 'superseded'], ['A-3', 'confirmed']]);
    expect(workflow.prompts.filter((p) => p.reply?.kind === 'closed').map((p) => p.promptId).sort()).toEqual(['prompt|A-1|1|confirmation|sms', 'prompt|A-2|1|confirmation|sms']);
  });

  test('a save that leaves replies on (or off) ends no prompt', async () => {
    const { deps, workflow, etag } = await withReplies();
    await updateSettings(deps, workflow, { mode: 'patch', body: { replies: { timeoutHours: 12 } }, ifMatch: etag, by: null });
    expect([...deps.prompts.prompts.values()].filter((p) => p.outcome === 'open')).toHaveLength(2);
  });

  test('a storage failure while ending them does not undo the saved change', async () => {
    const { deps, workflow, etag } = await withReplies();
    jest.spyOn(deps.prompts, 'listOpen').mockRejectedValueOnce(new Error('storage down'));
    expect((await updateSettings(deps, workflow, { mode: 'put', body: body(), ifMatch: etag, by: null })).kind).toBe('saved');
    expect((await deps.settings.get()).settings.replies.enabled).toBe(false);
    expect(deps.log.warns.join('\n')).toMatch(/open prompts not all ended/);
  });
});
