import { HttpRequest } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { replyHandlers } from '../../../src/http/replies';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

const API_KEY = 'replies-test-key-0123456789';
const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }) });
const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
const list = (query: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) =>
  replyHandlers(env).list(new HttpRequest({ method: 'GET', url: `http://localhost/api/replies${query}`, headers }));

describe('GET /api/replies', () => {
  test('lists the unmatched replies for an admin, never cached', async () => {
    await deps.replies.keepUnmatched({ replyId: 'r-1', receivedAt: '2026-11-05T09:00:00.000Z', channel: 'sms', from: '+14255550123', to: '+18005550100', text: 'Wrong number' });
    const res = await list('?unmatched=true');
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(res.jsonBody).toEqual({ replies: [expect.objectContaining({ replyId: 'r-1', text: 'Wrong number' })] });
    expect((await list('')).status).toBe(200);
  });

  test('unmatched=false is a 400 naming it; no credentials is a 401', async () => {
    const bad = await list('?unmatched=false');
    expect(bad.status).toBe(400);
    expect(bad.jsonBody).toMatchObject({ errors: [{ path: 'unmatched' }] });
    expect((await list('?unmatched=true', {})).status).toBe(401);
  });
});
