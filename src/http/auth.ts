import { timingSafeEqual } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Config } from '../config';
import { problem } from './problem';

/**
 * Routes for flows and admins require the API key (`x-api-key`). Returns the 401 to send, or
 * undefined when the caller may proceed. Without a configured key nothing is accepted.
 */
export function requireApiKey(req: HttpRequest, config: Config): HttpResponseInit | undefined {
  const expected = config.API_KEY;
  const given = req.headers.get('x-api-key') ?? '';
  if (expected && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  const detail = expected ? 'Send a valid API key in the x-api-key header.' : 'No API key is configured (app setting API_KEY), so this route accepts no caller.';
  const response = problem(401, 'Unauthorized', detail);
  return { ...response, headers: { ...(response.headers as Record<string, string>), 'www-authenticate': 'ApiKey header="x-api-key"' } };
}
