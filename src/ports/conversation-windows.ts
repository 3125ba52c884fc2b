/**
 * WhatsApp's 24-hour customer-service window, per customer number: a business may send free-form
 * text only within 24 hours of the customer's last message, and templates otherwise (acs-channels.md
 * §3.2). The inbound handler records each customer message; the WhatsApp sender reads it before
 * choosing text or template. Numbers are personal data: never logged.
 */
export interface ConversationWindows {
  /** When the customer last wrote to us on WhatsApp (ISO-8601 UTC), or undefined if never. */
  lastInboundAt(customer: string): Promise<string | undefined>;
  /** Records a customer message at `at`; an earlier time than the one stored changes nothing (events come in any order). */
  recordInbound(customer: string, at: string): Promise<void>;
}
