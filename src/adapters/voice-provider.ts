import type { Config } from '../config';
import { callsCallbackUrl } from '../domain/voice/callback-url';
import { voiceDispatchSender } from '../channels/voice/voice-sender';
import type { CallControl, VoiceCaller } from '../ports/calls';
import { AcsCallAutomation } from './acs/acs-call-automation';
import { LocalCalls } from './outbox/local-calls';
import type { ProviderChoice, SenderEnv } from './providers';
import { TableCallStore } from './tables/table-call-store';

/**
 * A voice provider: its sender (createCall behind the call row's guard) and its mid-call control, each
 * built over the same kind of client (Call Automation, or the local calls, which share their table).
 */
function voiceChoice(provider: string, build: (env: SenderEnv) => VoiceCaller & CallControl): ProviderChoice {
  return {
    provider,
    missing: [],
    create: (env) => voiceDispatchSender(build(env), new TableCallStore(env.config.AzureWebJobsStorage), env.clock, callsCallbackUrl(env.config)),
    calls: (env) => build(env),
  };
}

/** Call Automation, with ACS_CONNECTION_STRING and ACS_VOICE_FROM. */
export function acsVoiceProvider(config: Config): ProviderChoice | { readonly missing: readonly string[] } {
  const { ACS_CONNECTION_STRING: connectionString, ACS_VOICE_FROM: from, ACS_COGNITIVE_SERVICES_ENDPOINT: cognitiveServicesEndpoint } = config;
  if (!connectionString || !from) return { missing: (['ACS_CONNECTION_STRING', 'ACS_VOICE_FROM'] as const).filter((name) => !config[name]) };
  return voiceChoice('acs', ({ logger }) => new AcsCallAutomation({ connectionString, from, logger, ...(cognitiveServicesEndpoint ? { cognitiveServicesEndpoint } : {}) }));
}

/** The local number the devhost's calls come from without ACS_VOICE_FROM. */
export const LOCAL_VOICE_FROM = '+18005550199';

/** The local calls (the devhost's outbox): recorded, and driven from /dev/calls. */
export function localVoiceProvider(): ProviderChoice {
  return voiceChoice('outbox', ({ config, clock, logger }) => new LocalCalls(config.AzureWebJobsStorage, clock, config.ACS_VOICE_FROM ?? LOCAL_VOICE_FROM, logger));
}

/** Without any provider: every mid-call action fails (no call can have been placed either). */
export const NO_CALLS: CallControl & VoiceCaller = {
  provider: 'none',
  from: '',
  dial: () => Promise.reject(new Error('no voice provider configured')),
  ask: () => Promise.reject(new Error('no voice provider configured')),
  say: () => Promise.reject(new Error('no voice provider configured')),
  transfer: () => Promise.reject(new Error('no voice provider configured')),
  hangUp: () => Promise.reject(new Error('no voice provider configured')),
};
