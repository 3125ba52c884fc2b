import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { ConfigError, getConfig } from '../config';
import { appVersion } from '../config/version';
import { providersFor } from '../adapters/providers';
import { problem } from './problem';

/**
 * GET /api/health: whether the app is configured and which channel providers it will use.
 * Never returns secrets or setting values, only their presence.
 */
export async function health(_req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const providers = Object.fromEntries(Object.entries(providersFor(getConfig())).map(([channel, choice]) => [channel, choice.provider]));
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: {
        status: 'ok',
        version: appVersion(),
        providers,
      },
    };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    context.warn(`health: configuration invalid (${err.problems.map((p) => p.variable).join(', ')})`);
    return problem(503, 'Configuration invalid', 'One or more app settings are missing or invalid.', err.problems.map((p) => ({ path: p.variable, message: p.message })));
  }
}
