import { sendTestMessage } from '../../../src/app/send-test-message';
import { callIdFor } from '../../../src/domain';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

describe('sendTestMessage', () => {
  const content = { channel: 'sms', text: 'Reminder: Mortgage review tomorrow at 10:00' } as const;

  test('to a mobile number: sent through the SMS provider', async () => {
    const deps = fakeDeps();
    expect(await sendTestMessage(deps, 'sms', content, '+34612345678', 'admin@contoso.com')).toMatchObject({ status: 'sent' });
    expect(deps.senders.sms.dispatches.map((d) => d.to)).toEqual(['+34612345678']);
  });

  test('to a landline (whoever called it without the HTTP check): failed "not a mobile number", the provider not called', async () => {
    const deps = fakeDeps();
    const outcome = await sendTestMessage(deps, 'sms', content, '+442012345678', 'admin@contoso.com');
    expect(outcome).toMatchObject({ status: 'failed', reason: 'not a mobile number' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await deps.ledger.get({ kind: 'test', id: outcome.sendKey.replace(/^test\|/, '') }, outcome.sendKey)).toMatchObject({ status: 'failed', reason: 'not a mobile number' });
  });

  test('a voice test call gets its call orchestration at once (as a meeting\'s call does), so it ends even if no callback comes; other channels start none', async () => {
    const deps = fakeDeps();
    const workflow = new RecordingWorkflow();
    const call = await sendTestMessage(deps, 'voice', { channel: 'voice', text: 'Hello Bob.' }, '+14255550123', 'admin@contoso.com', () => workflow);
    expect(call).toMatchObject({ status: 'sent' });
    expect(workflow.callStarts).toEqual([callIdFor(call.sendKey)]);
    await sendTestMessage(deps, 'sms', content, '+34612345678', 'admin@contoso.com', () => workflow);
    expect(workflow.callStarts).toHaveLength(1);
  });

  test('a voice test call the provider refused starts nothing', async () => {
    const deps = fakeDeps();
    deps.senders.voice.answer({ kind: 'failed', reason: 'CreateCall 403' });
    const workflow = new RecordingWorkflow();
    const outcome = await sendTestMessage(deps, 'voice', { channel: 'voice', text: 'Hello Bob.' }, '+14255550123', 'admin@contoso.com', () => workflow);
    expect(outcome.status).toBe('failed');
    expect(workflow.callStarts).toEqual([]);
  });
});
