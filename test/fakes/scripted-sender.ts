import type { ChannelSender, Dispatch } from '../../src/ports/dispatch';
import { TransientProviderError, type SendFailureKind, type SendResult } from '../../src/ports/send-result';

/** What the next provider call does. */
export type Scripted =
  | { readonly kind: 'sent'; readonly providerMessageId?: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly failure?: SendFailureKind }
  | { readonly kind: 'transient'; readonly retryAfterMs?: number; readonly cause?: 'throttled' | 'unavailable' }
  | { readonly kind: 'throw'; readonly error: Error };

/**
 * A {@link ChannelSender} that records every dispatch it is given and answers from a script (one
 * entry per call, in order); once the script runs out every call is `sent`.
 */
export class ScriptedSender implements ChannelSender {
  readonly provider = 'fake';
  readonly dispatches: Dispatch[] = [];
  private readonly script: Scripted[] = [];

  /** Queues the answers of the next calls. */
  answer(...results: Scripted[]): this {
    this.script.push(...results);
    return this;
  }

  async send(dispatch: Dispatch): Promise<SendResult> {
    this.dispatches.push(dispatch);
    const next = this.script.shift() ?? { kind: 'sent' };
    switch (next.kind) {
      case 'sent':
        return { status: 'sent', providerMessageId: next.providerMessageId ?? `fake-${this.dispatches.length}` };
      case 'failed':
        return { status: 'failed', kind: next.failure ?? 'permanent', reason: next.reason };
      case 'transient':
        throw new TransientProviderError('fake', next.cause ?? 'unavailable', next.cause === 'throttled' ? 'HTTP 429' : 'HTTP 503', next.retryAfterMs);
      case 'throw':
        throw next.error;
    }
  }
}
