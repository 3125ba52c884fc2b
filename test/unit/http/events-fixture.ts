import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import { eventHandlers } from '../../../src/http/events';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { egSmsDeliveryReport, withField } from '../inbound/acs-samples';

export const KEY = 'events-key-0123456789';
export const about: About = { kind: 'meeting', id: 'A-1001' };
export const SMS_KEY = 'A-1001|1|confirmation|sms';
export const EMAIL_KEY = 'A-1001|1|confirmation|email';
export const SMS_ID = 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910';
export const EMAIL_ID = '00000000-0000-0000-0000-000000000000';

/** Fakes with EVENTS_KEY set, the clock shortly after Microsoft's 2020 samples, and a poster for the webhook. */
export function setup(): { deps: FakeDeps; logs: string[]; post: (body: unknown, init?: { key?: string | null; type?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: unknown; req: HttpRequest }> } {
  // The samples are from 2020: the clock stands shortly after them, so a report for an unknown message is "recent".
  const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY }) });
  deps.clock.set('2020-09-18T00:30:00.000Z');
  const logs: string[] = [];
  const { acs } = eventHandlers({ workflow: () => new RecordingWorkflow(), deps: () => deps });
  const post = async (body: unknown, init: { key?: string | null; type?: string; headers?: Record<string, string> } = {}) => {
    const key = init.key === undefined ? KEY : init.key;
    const url = `http://localhost/api/events/acs${key === null ? '' : `?key=${encodeURIComponent(key)}`}`;
    const req = new HttpRequest({ url, method: 'POST', headers: { 'content-type': init.type ?? 'application/json', ...init.headers }, body: { string: typeof body === 'string' ? body : JSON.stringify(body) } });
    const context = new InvocationContext({ functionName: 'AcsEvents', invocationId: 'i-1', logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')) });
    const res = await acs(req, context);
    return { status: res.status ?? 200, body: res.jsonBody, req };
  };
  return { deps, logs, post };
}

/** A send claimed, indexed (unless `index` is false) and marked sent, as the send core leaves it. */
export async function sent(deps: FakeDeps, sendKey: string, providerMessageId: string, index = true): Promise<void> {
  const channel = sendKey.endsWith('sms') ? 'sms' : 'email';
  await deps.ledger.claim({ sendKey, about, type: 'confirmation', channel, plannedFor: null }, deps.clock.now());
  if (index) await deps.messageIndex.record(providerMessageId, { about, sendKey });
  await deps.ledger.markSent(about, sendKey, providerMessageId, deps.clock.now());
}

export const statusOf = async (deps: FakeDeps, sendKey: string) => (await deps.ledger.get(about, sendKey))?.status;
export const tagged = (sendKey: string) => withField(egSmsDeliveryReport(), 'data.Tag', sendKey);

