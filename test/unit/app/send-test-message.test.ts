import { sendTestMessage } from '../../../src/app/send-test-message';
import { fakeDeps } from '../../fakes/fake-deps';

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
});
