import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { COMMUNICATION_TYPES, type Channel, type Settings } from '../domain';
import { ConfigError, getConfig } from '../config';
import { appVersion } from '../config/version';
import { onlineMeetingsFor, providersFor, type ProviderChoice } from '../adapters/providers';
import { graphConfigured } from '../adapters/graph/graph-provider';
import type { HandlerEnv } from './handler-env';
import { problem } from './problem';

const switchedOn = (settings: Settings, channel: Channel): boolean => settings.enabled && COMMUNICATION_TYPES.some((type) => settings[type][channel]);

/**
 * GET /api/health: whether the app is configured and which channel providers it will use. 503
 * naming the settings when the configuration is invalid, or when a channel the settings switch on
 * has no provider (nothing would be sent). Never returns secrets or setting values, only their names.
 */
export function healthHandler(env: Pick<HandlerEnv, 'deps'>) {
  return async (_req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let providers: Record<Channel, ProviderChoice>;
    let online: { onlineMeetings: string; graph: { configured: boolean } };
    try {
      providers = providersFor(getConfig());
      online = { onlineMeetings: onlineMeetingsFor(getConfig()).provider, graph: { configured: graphConfigured(getConfig()) } };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      context.warn(`health: configuration invalid (${err.problems.map((p) => p.variable).join(', ')})`);
      return problem(503, 'Configuration invalid', 'One or more app settings are missing or invalid.', err.problems.map((p) => ({ path: p.variable, message: p.message })));
    }
    let settings: Settings;
    try {
      settings = (await env.deps().settings.get()).settings;
    } catch (err) {
      context.warn(`health: the settings cannot be read (${err instanceof Error ? err.name : 'error'})`);
      return problem(503, 'Storage unavailable', 'The settings cannot be read from storage (AzureWebJobsStorage).');
    }
    const unserved = (Object.entries(providers) as Array<[Channel, ProviderChoice]>).filter(([channel, choice]) => choice.provider === 'none' && switchedOn(settings, channel));
    if (unserved.length > 0) {
      return problem(503, 'Channel without a provider', 'The settings switch on a channel that has no provider: its messages cannot be sent.', unserved.flatMap(([channel, choice]) =>
        choice.missing.map((name) => ({ path: name, message: `is required: ${channel} is switched on in the settings` }))));
    }
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: { status: 'ok', version: appVersion(), providers: Object.fromEntries(Object.entries(providers).map(([channel, choice]) => [channel, choice.provider])), ...online },
    };
  };
}
