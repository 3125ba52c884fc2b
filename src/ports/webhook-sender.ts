/** One signed POST of a delivery. */
export interface WebhookRequest {
  readonly url: string;
  /** The subscription's `whsec_…` secret. */
  readonly secret: string;
  /** `webhook-id`: the event ID, the same at every attempt. */
  readonly webhookId: string;
  /** The JSON body (the CloudEvent), exactly as signed. */
  readonly body: string;
}

/** What the receiver did: answered with a status, or did not answer (timeout, refused, DNS…). */
export type WebhookAnswer =
  | { readonly kind: 'answered'; readonly status: number }
  | { readonly kind: 'noAnswer'; readonly reason: 'timeout' | 'network' };

/** POSTs a delivery signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookAnswer>;
}
