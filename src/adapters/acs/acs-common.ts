import { v5 as uuidv5 } from 'uuid';
import type { SendResult } from '../../ports/send-result';
import { httpStatusOf, safeCode, transientFromSdkError } from '../provider-errors';

/**
 * Namespace of the UUID v5 IDs derived from send keys (ACS SMS repeatabilityRequestId, ACS Email
 * Operation-Id). Fixed forever: changing it would make a retry after a deploy look like a new message.
 */
export const SEND_KEY_UUID_NAMESPACE = '3f19cac5-0c39-4f62-acbb-b8b83ecb243d';

/** The provider-side ID for a send key: the same key always yields the same UUID. */
export function sendKeyUuid(sendKey: string): string {
  return uuidv5(sendKey, SEND_KEY_UUID_NAMESPACE);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Client options shared by the ACS clients. The SDK's own retries are off (`maxRetries: 0`): the adapter
 * retries with its own bounded policy, so there is one loop to reason about and to test. Plain http is
 * accepted only for a loopback endpoint (tests, local emulators).
 *
 * @throws Error naming the problem, never the connection string (it carries the access key)
 */
export function acsClientOptions(connectionString: string): { allowInsecureConnection: boolean; retryOptions: { maxRetries: number } } {
  const endpoint = /endpoint=(.*?);/i.exec(connectionString)?.[1];
  let url: URL;
  try {
    url = new URL(endpoint ?? '');
  } catch {
    throw new Error('ACS connection string: endpoint is missing or not a URL');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new Error('ACS connection string: endpoint must use https (http only for a loopback host)');
  }
  return { allowInsecureConnection: loopbackHttp, retryOptions: { maxRetries: 0 } };
}

/** The minimal logger the adapters use; `console` fits. Only IDs are ever passed to it. */
export interface AdapterLogger {
  info(message: string, fields: Record<string, string | number>): void;
  warn(message: string, fields: Record<string, string | number>): void;
}

/** How a send the provider refused for good is reported: its kind, and a reason naming the provider (codes only). */
export type FailedSend = (kind: 'invalidRecipient' | 'permanent', reason: string) => SendResult;

/** The {@link FailedSend} of one provider: its reasons start with `<provider>: `. */
export function failedAs(provider: string): FailedSend {
  return (kind, reason) => ({ status: 'failed', kind, reason: `${provider}: ${reason}` });
}

/**
 * An ACS SDK request's error as a send's answer: a transient one (throttled, unavailable, timed out)
 * is thrown as a TransientProviderError for the adapter's retries; an HTTP refusal is `failed`,
 * "<what> rejected (HTTP <status> <code>)" with the kind `kindOf` gives its status (permanent unless
 * told); anything else (no HTTP status: a bug) is rethrown.
 */
export function refusedRequest(provider: string, error: unknown, what: string, kindOf: (status: number) => 'invalidRecipient' | 'permanent' = () => 'permanent'): SendResult {
  const transient = transientFromSdkError(provider, error);
  if (transient) throw transient;
  const status = httpStatusOf(error);
  if (status === undefined) throw error;
  const code = safeCode((error as { code?: unknown }).code);
  return failedAs(provider)(kindOf(status), `${what} rejected (HTTP ${status}${code ? ` ${code}` : ''})`);
}
