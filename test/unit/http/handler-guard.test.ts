import { InvocationContext, HttpRequest, type HttpResponseInit } from '@azure/functions';
import { CorruptRowError } from '../../../src/adapters/tables/table-client';
import { ConfigError } from '../../../src/config';
import { guardAll } from '../../../src/http/handler-env';

const request = (): HttpRequest => new HttpRequest({ url: 'http://localhost/api/meetings/A-1', method: 'GET' });
const throwing = (error: Error) => ({ get: async (_req: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => { throw error; } });
const context = (): InvocationContext => new InvocationContext({ functionName: 'GetMeeting', invocationId: 'i-1', logHandler: () => undefined });

describe('guardAll', () => {
  test('an invalid configuration is a 503 naming the settings, not a 500', async () => {
    const { get } = guardAll(throwing(new ConfigError([{ variable: 'PUBLIC_BASE_URL', message: 'is required on Azure' }])));
    const res = await get(request(), context());
    expect(res.status).toBe(503);
    expect(res.jsonBody).toMatchObject({ errors: [{ path: 'PUBLIC_BASE_URL', message: 'is required on Azure' }] });
  });

  test('a corrupt stored row is a 500 problem naming the row and fields, never its data', async () => {
    const { get } = guardAll(throwing(new CorruptRowError('Meetings', 'A-1', ['record.start'])));
    const res = await get(request(), context());
    expect(res.status).toBe(500);
    expect(res.headers).toMatchObject({ 'content-type': expect.stringContaining('application/problem+json') });
    expect(JSON.stringify(res.jsonBody)).toContain('Meetings: stored row A-1 is corrupt (record.start)');
  });

  test('anything else still fails loudly', async () => {
    const { get } = guardAll(throwing(new Error('bug')));
    await expect(get(request(), context())).rejects.toThrow('bug');
  });
});
