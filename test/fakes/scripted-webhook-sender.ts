import type { WebhookAnswer, WebhookRequest, WebhookSender } from '../../src/ports/webhook-sender';

/** A {@link WebhookSender} that records each request and answers from a script (then 200). */
export class ScriptedWebhookSender implements WebhookSender {
  readonly requests: WebhookRequest[] = [];
  readonly script: WebhookAnswer[] = [];

  /** Queues answers: a number is an HTTP status, 'timeout' no answer. */
  answer(...answers: Array<number | 'timeout'>): this {
    this.script.push(...answers.map((a): WebhookAnswer => (a === 'timeout' ? { kind: 'noAnswer', reason: 'timeout' } : { kind: 'answered', status: a })));
    return this;
  }

  async send(request: WebhookRequest): Promise<WebhookAnswer> {
    this.requests.push(request);
    return this.script.shift() ?? { kind: 'answered', status: 200 };
  }
}
