import type { ChannelSender, Dispatch } from '../../../../src/adapters/devhost-hooks';
import { crashAfterSend, crashBeforeStart, crashDecoratorFromEnv } from '../../../../devhost/dev-services/crash-decorator';
import type { SendResult } from '../../../../src/ports/send-result';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

const dispatch = (key: string): Dispatch => ({
  key, about: { kind: 'meeting', id: 'A-1' }, channel: 'sms', to: '+14255550123',
  content: { channel: 'sms', text: 'hi' }, firstSentAt: '2026-01-01T00:00:00.000Z', purpose: 'confirmation',
});

/** A fake provider that answers with `result` (or throws it) and records what it was asked. */
function fakeSender(result: SendResult | Error): ChannelSender & { sent: string[] } {
  const sent: string[] = [];
  return {
    provider: 'fake', sent,
    send: async (d) => {
      sent.push(d.key);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const accepted: SendResult = { status: 'sent', providerMessageId: 'p-1' };

describe('the crash-after-send decorator', () => {
  test('kills after the provider accepted a matching key, and only then (the send itself happened)', async () => {
    const kills: string[] = [];
    const inner = fakeSender(accepted);
    const sender = crashAfterSend(/\|confirmation\|sms$/, () => kills.push('kill'))('sms', inner);
    expect(sender.provider).toBe('fake');
    expect(await sender.send(dispatch('A-1|1|confirmation|email'))).toEqual(accepted);
    expect(kills).toEqual([]);
    expect(await sender.send(dispatch('A-1|1|confirmation|sms'))).toEqual(accepted);
    expect(kills).toEqual(['kill']);
    expect(inner.sent).toEqual(['A-1|1|confirmation|email', 'A-1|1|confirmation|sms']);
  });

  test('a permanent failure or a thrown error never kills: nothing was accepted', async () => {
    const kill = jest.fn();
    const failed = crashAfterSend(/.*/, kill)('sms', fakeSender({ status: 'failed', kind: 'invalidRecipient', reason: 'bad number' }));
    expect((await failed.send(dispatch('k'))).status).toBe('failed');
    const throwing = crashAfterSend(/.*/, kill)('sms', fakeSender(new Error('unavailable')));
    await expect(throwing.send(dispatch('k'))).rejects.toThrow('unavailable');
    expect(kill).not.toHaveBeenCalled();
  });

  test('DEVHOST_CRASH_AFTER_SEND builds it; unset gives none; an invalid pattern is named', async () => {
    expect(crashDecoratorFromEnv({})).toBeUndefined();
    const kill = jest.fn();
    const decorate = crashDecoratorFromEnv({ DEVHOST_CRASH_AFTER_SEND: '^A-1\\|' }, kill);
    await decorate?.('email', fakeSender(accepted)).send(dispatch('A-1|1|reminder|email'));
    expect(kill).toHaveBeenCalledTimes(1);
    expect(() => crashDecoratorFromEnv({ DEVHOST_CRASH_AFTER_SEND: '(' })).toThrow(/DEVHOST_CRASH_AFTER_SEND is not a valid regular expression/);
  });
});

describe('the crash-before-start decorator', () => {
  test('kills before starting the orchestration of a matching meeting or deflection (its WhatsApp send), and starts the others', async () => {
    const kill = jest.fn();
    const inner = new RecordingWorkflow();
    const workflow = crashBeforeStart(/^ORPHAN-/, kill)(inner);
    await workflow.start('A-1');
    await workflow.startDeflection({ deflectionId: 'D-1', channel: 'whatsapp' });
    expect(kill).not.toHaveBeenCalled();
    await workflow.start('ORPHAN-1');
    await workflow.startDeflection({ deflectionId: 'ORPHAN-D', channel: 'whatsapp' });
    expect(kill).toHaveBeenCalledTimes(2);
    // The SMS fallback's start is another step (its WhatsApp send was recorded): never killed.
    await workflow.startDeflection({ deflectionId: 'ORPHAN-D', channel: 'sms' });
    expect(kill).toHaveBeenCalledTimes(2);
    expect(inner.of('start').map((c) => 'meetingId' in c && c.meetingId)).toEqual(['A-1', 'ORPHAN-1']);
    expect(inner.deflections.map((d) => `${d.deflectionId}:${d.channel}`)).toEqual(['D-1:whatsapp', 'ORPHAN-D:whatsapp', 'ORPHAN-D:sms']);
  });
});
