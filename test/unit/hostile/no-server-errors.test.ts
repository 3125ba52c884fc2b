import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import fc from 'fast-check';
import { parseConfig } from '../../../src/config';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { meetingHandlers } from '../../../src/http/meetings';
import { settingsHandlers } from '../../../src/http/settings';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { scheduleBody } from '../domain/fixtures';
import { bent } from './bent';

// Issue [2/9]: "a 5xx for bad input is impossible on every route". The real handlers, over fakes,
// get thousands of generated bodies: valid ones bent at one or two places with hostile values, and
// arbitrary JSON. None may answer 5xx or throw, a refused one changes nothing, and an accepted one
// can be read back.

const API_KEY = 'property-test-key-0123456789';
const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }) });
const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
const meetings = meetingHandlers(env);
const settings = settingsHandlers(env);
const context = (): InvocationContext => new InvocationContext({ functionName: 'property', invocationId: 'p', logHandler: () => undefined });

const request = (method: string, path: string, body: string, headers: Record<string, string> = {}, params: Record<string, string> = {}): HttpRequest =>
  new HttpRequest({ method, url: `http://localhost/api/${path}`, headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', ...headers }, body: { string: body }, params });

/** Values a careless client or an attacker puts in a field. */
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '\ud800', '__proto__', 'constructor', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z',
    '2026-12-03T15:00:00+25:00', '9999-99-99', 'NaN', '1e309', '+1 (425) 555-0123 ext. 9', 'x'.repeat(5_000), '{{ x }}', '<script>', 'Europe/Nowhere'),
  fc.double(), fc.bigInt().map(String), fc.constantFrom(null, true, [], {}, -1, 1e21),
);

/** A field path of the ScheduleMeeting body (nested objects included). */
const fieldPath = fc.constantFrom(
  'meetingId', 'subject', 'start', 'end', 'timeZone', 'location', 'location.name', 'location.address', 'online', 'online.joinUrl', 'online.createTeamsMeeting',
  'advisor', 'advisor.name', 'advisor.email', 'advisor.phone', 'contact', 'contact.contactId', 'contact.firstName', 'contact.lastName', 'contact.email',
  'contact.phone', 'contact.locale', 'contact.timeZone', 'adminInstructions', 'customerNotes', 'extra',
);

const body = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(fieldPath, hostile), { minLength: 1, maxLength: 3 }).map((edits) => JSON.stringify(bent(scheduleBody(), edits))) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

async function call(handler: (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>, req: HttpRequest): Promise<HttpResponseInit> {
  const res = await handler(req, context());
  if ((res.status ?? 200) >= 500) throw new Error(`answered ${res.status}: ${JSON.stringify(res.jsonBody)}`);
  return res;
}

describe('no 5xx for bad input', () => {
  test('ScheduleMeeting and UpdateMeeting: thousands of bent bodies, never a 5xx; a refused one stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (text, update) => {
        const writes = deps.meetings.writes.length;
        const res = update
          ? await call(meetings.update, request('PUT', 'meetings/A-1001', text, {}, { meetingId: 'A-1001' }))
          : await call(meetings.schedule, request('POST', 'meetings', text));
        if ((res.status ?? 200) >= 400) {
          expect(deps.meetings.writes.length).toBe(writes);
          return;
        }
        // What was accepted must always be readable again (a poison row answered 500 forever).
        const id = (res.jsonBody as { meetingId: string }).meetingId;
        expect((await call(meetings.get, request('GET', `meetings/${id}`, '', {}, { meetingId: id }))).status).toBe(200);
      }),
      { numRuns: 2_000 },
    );
  });

  test('PATCH and PUT /api/settings: thousands of generated documents, never a 5xx; a refused one changes nothing', async () => {
    const toggles = fc.record({ email: hostile, sms: hostile }, { requiredKeys: [] });
    const patch = fc.record({
      enabled: hostile, confirmation: fc.oneof(toggles, hostile), cancellation: fc.oneof(toggles, hostile),
      reminder: fc.oneof(fc.record({ email: hostile, sms: hostile, daysBefore: hostile, sendAtLocalTime: hostile, lateBooking: hostile }, { requiredKeys: [] }), hostile),
      defaultLocale: hostile, portal: fc.oneof(fc.record({ cancelUrlTemplate: hostile }, { requiredKeys: [] }), hostile), extra: hostile,
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(patch.map((p) => JSON.stringify(p)), fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 100 })), fc.boolean(), async (text, put) => {
        const before = await deps.settings.get();
        const res = await call(put ? settings.put : settings.patch, request(put ? 'PUT' : 'PATCH', 'settings', text, { 'if-match': before.etag }));
        if ((res.status ?? 200) >= 400) expect((await deps.settings.get()).etag).toBe(before.etag);
      }),
      { numRuns: 2_000 },
    );
  });
});
