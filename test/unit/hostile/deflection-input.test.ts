import { HttpRequest, InvocationContext } from '@azure/functions';
import fc from 'fast-check';
import { parseConfig } from '../../../src/config';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { deflectionHandlers } from '../../../src/http/deflections';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { bent } from './bent';

// POST /api/deflections gets generated hostile bodies (Adereso's and ours, bent at one or two places,
// and arbitrary JSON): none may answer 5xx or throw; a refused one stores nothing and starts nothing.

const API_KEY = 'property-test-key-0123456789';
const context = (): InvocationContext => new InvocationContext({ functionName: 'property', invocationId: 'p', logHandler: () => undefined });

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '\ud800', '__proto__', 'constructor', '+34911234567', '+525512345678', '612345678', '+34 612 34 56 78 ext. 9', 'x'.repeat(20_000), '1e309'),
  fc.double(), fc.constantFrom(null, true, [], {}, -1, 1e21),
);
const fields = fc.constantFrom(
  'business_phone', 'recipient_phone', 'template_name', 'team_id', 'metadata', 'metadata.user', 'metadata.ticket', 'metadata.user.segment',
  'businessPhone', 'recipientPhone', 'deflectionId', 'template', 'template.name', 'template.parameters', 'template.values', 'fallback', 'channel', 'call', 'consent', 'extra',
);
const adereso = () => ({ business_phone: '+34910000000', recipient_phone: '+34612345678', template_name: 'continue', team_id: 'cards', metadata: { user: { segment: 'gold' }, ticket: { ivrPath: '1' } } });

test('no hostile deflection body answers 5xx; a refused one stores and starts nothing', async () => {
  const bodies = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(fields, hostile), { minLength: 1, maxLength: 2 }).map((edits) => JSON.stringify(bent(adereso(), edits))) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
  await fc.assert(fc.asyncProperty(bodies, fc.uuid(), async (body, key) => {
    const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', API_KEY, DEFLECTION_COUNTRIES: 'ES' }) });
    const workflow = new RecordingWorkflow();
    const env: HandlerEnv = { deps: () => deps, workflow: () => workflow };
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/deflections', headers: { authorization: `Key ${API_KEY}`, 'content-type': 'application/json', 'idempotency-key': key }, body: { string: body } });
    const res = await deflectionHandlers(env).create(req, context());
    const status = res.status ?? 200;
    expect(status).toBeLessThan(500);
    if (status === 202) {
      expect(workflow.deflections).toHaveLength(1);
      expect(deps.deflections.rows.size).toBe(1);
    } else {
      expect([400, 413]).toContain(status);
      expect((res.headers as Record<string, string>)['content-type']).toMatch(/^application\/problem\+json/);
      expect(workflow.deflections).toHaveLength(0);
      expect(deps.deflections.rows.size).toBe(0);
      expect(deps.tickets.tickets.size).toBe(0);
    }
  }), { numRuns: 400 });
});
