import { v4 as uuidv4 } from 'uuid';
import type { Channel } from '../domain';
import { isTransientProviderError } from '../ports/send-result';
import type { AppDeps } from './deps';
import type { Preview } from './preview-template';

/** What became of a test send: the provider's message ID, or why it failed (never an address or text). */
export type TestSendOutcome =
  | { readonly status: 'sent'; readonly providerMessageId: string; readonly sendKey: string }
  | { readonly status: 'failed'; readonly reason: string; readonly sendKey: string };

/** Prefix of a test email's subject, so nobody mistakes it for a real message. */
export const TEST_SUBJECT_PREFIX = '[TEST] ';

/**
 * Sends a rendered preview to an admin's address or number through the configured channel sender,
 * with a fresh send key `test|<uuid>` (never a meeting's key: no ledger row, no meeting change; the
 * outbox records it with type `test`). Provider failures are reported, not thrown: a transient one
 * says to try again later.
 */
export async function sendTestMessage(deps: AppDeps, channel: Channel, preview: Preview, to: string, by: string): Promise<TestSendOutcome> {
  const sendKey = `test|${uuidv4({ random: deps.randomBytes(16) })}`;
  let outcome: TestSendOutcome;
  try {
    const result = channel === 'email'
      ? await deps.email.send({ to, subject: `${TEST_SUBJECT_PREFIX}${preview.subject ?? ''}`, text: preview.text, html: preview.html ?? '' }, sendKey)
      : await deps.sms.send({ to, text: preview.text }, sendKey, deps.clock.now());
    outcome = result.status === 'sent' ? { status: 'sent', providerMessageId: result.providerMessageId, sendKey } : { status: 'failed', reason: result.reason, sendKey };
  } catch (err) {
    if (!isTransientProviderError(err)) throw err;
    outcome = { status: 'failed', reason: `the provider is unavailable or throttling (${err.kind}); try again later`, sendKey };
  }
  deps.log.info(`template test send ${sendKey} (${channel}) by ${by}: ${outcome.status}`);
  return outcome;
}
