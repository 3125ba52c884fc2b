import { acceptDeflection } from '../../../../src/app/deflections/accept-deflection';
import { deflectionReport } from '../../../../src/app/deflections/deflection-report';
import { parseDeflectionRequest } from '../../../../src/app/deflections/deflection-request';
import { sendDeflection } from '../../../../src/app/deflections/send-deflection';
import { fakeDeps } from '../../../fakes/fake-deps';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

const PHONE = '+34612345678';

async function accepted(body: Record<string, unknown> = {}) {
  const deps = fakeDeps();
  const workflow = new RecordingWorkflow();
  const request = parseDeflectionRequest({ deflectionId: 'D-1', businessPhone: '+34910000000', recipientPhone: PHONE, template: { name: 'continue_chat', language: 'es', parameters: ['Ana'] }, ...body }, []);
  if (!request.ok) throw new Error(JSON.stringify(request.errors));
  const outcome = await acceptDeflection(deps, workflow, request.value, undefined);
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  return { deps, workflow, deflection: outcome.deflection };
}

describe('a deflection message through the send core', () => {
  test('accepting starts its orchestration; the activity sends the template once (a repeat finds it recorded)', async () => {
    const { deps, workflow } = await accepted();
    expect(workflow.deflections).toEqual([{ deflectionId: 'D-1', channel: 'whatsapp' }]);
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' }, workflow)).toEqual({ kind: 'done' });
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' }, workflow)).toEqual({ kind: 'done' });
    expect(deps.senders.whatsapp.dispatches).toHaveLength(1);
    expect(deps.senders.whatsapp.dispatches[0]).toMatchObject({ key: 'defl|D-1|whatsapp', about: { kind: 'deflection', id: 'D-1' }, to: PHONE, content: { template: { name: 'continue_chat', language: 'es', parameters: ['Ana'], buttons: [] } } });
    expect(await deps.deflections.get('D-1')).toMatchObject({ status: 'sent', messageId: 'fake-1' });
  });

  test('a 429 defers it to the provider\'s time (not a failure)', async () => {
    const { deps } = await accepted();
    deps.senders.whatsapp.answer({ kind: 'transient', cause: 'throttled', retryAfterMs: 30_000 });
    const step = await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' });
    expect(step).toEqual({ kind: 'retry', at: new Date(deps.clock.now().getTime() + 30_000).toISOString() });
    expect((await deps.deflections.get('D-1'))?.status).toBe('accepted');
  });

  test('WhatsApp refusing at once falls back to SMS (fallback sms): a wa.me link and the ticket reference', async () => {
    const { deps, deflection } = await accepted();
    deps.senders.whatsapp.answer({ kind: 'failed', reason: 'acs-whatsapp: request rejected (HTTP 400 BadRequest)' });
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' })).toEqual({ kind: 'fallback' });
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'sms' })).toEqual({ kind: 'done' });
    expect(deps.senders.sms.dispatches.map((d) => d.content)).toEqual([{ channel: 'sms', text: `Continuamos su llamada por WhatsApp: https://wa.me/34910000000 Ref. ${deflection.ticketId}` }]);
    expect(await deps.deflections.get('D-1')).toMatchObject({ status: 'fellBack' });
  });

  test('with fallback none, a refusal ends it failed', async () => {
    const { deps } = await accepted({ fallback: 'none' });
    deps.senders.whatsapp.answer({ kind: 'failed', reason: 'acs-whatsapp: request rejected (HTTP 400 BadRequest)' });
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' })).toEqual({ kind: 'done' });
    expect(deps.senders.sms.dispatches).toHaveLength(0);
    expect(await deps.deflections.get('D-1')).toMatchObject({ status: 'failed', reason: 'acs-whatsapp: request rejected (HTTP 400 BadRequest)' });
  });

  test('an opted-out number gets nothing, not even the fallback', async () => {
    const { deps } = await accepted();
    await deps.optOuts.optOut(PHONE, { source: 'reply', at: new Date('2020-01-01T00:00:00Z') });
    expect(await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' })).toEqual({ kind: 'done' });
    expect(deps.senders.whatsapp.dispatches).toHaveLength(0);
    expect(await deps.deflections.get('D-1')).toMatchObject({ status: 'failed', reason: 'opted out' });
  });

  test('"not on WhatsApp" reported later (131026, permanent) starts the SMS fallback; Delivered first means no fallback', async () => {
    const { deps, workflow } = await accepted();
    await sendDeflection(deps, { deflectionId: 'D-1', channel: 'whatsapp' }, workflow);
    const at = deps.clock.now().toISOString();
    await deflectionReport(deps, workflow, { kind: 'undelivered', eventId: 'e1', provider: 'acs', channel: 'whatsapp', providerMessageId: 'fake-1', at, reason: 'whatsapp: Failed (131026)', permanent: true });
    expect(workflow.deflections).toEqual([{ deflectionId: 'D-1', channel: 'whatsapp' }, { deflectionId: 'D-1', channel: 'sms' }]);
    expect(await deps.deflections.get('D-1')).toMatchObject({ status: 'failed', reason: 'whatsapp: Failed (131026)' });

    const other = await accepted({ deflectionId: 'D-2' });
    await sendDeflection(other.deps, { deflectionId: 'D-2', channel: 'whatsapp' }, other.workflow);
    await deflectionReport(other.deps, other.workflow, { kind: 'delivered', eventId: 'e2', provider: 'acs', channel: 'whatsapp', providerMessageId: 'fake-1', at });
    await deflectionReport(other.deps, other.workflow, { kind: 'undelivered', eventId: 'e3', provider: 'acs', channel: 'whatsapp', providerMessageId: 'fake-1', at, reason: 'whatsapp: Failed (131026)', permanent: true });
    expect(other.workflow.deflections).toEqual([{ deflectionId: 'D-2', channel: 'whatsapp' }]);
    expect(await other.deps.deflections.get('D-2')).toMatchObject({ status: 'delivered' });
  });
});
