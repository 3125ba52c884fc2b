import type { OnlineMeetingsChoice } from '../providers';
import { OutboxOnlineMeetings } from './outbox-online-meetings';

/** The devhost's local Teams stand-in as the online-meetings provider (installed through devhost-hooks). */
export function localOnlineMeetingsProvider(): OnlineMeetingsChoice {
  return { provider: 'local', missing: [], create: ({ config }) => new OutboxOnlineMeetings(config.AzureWebJobsStorage) };
}
