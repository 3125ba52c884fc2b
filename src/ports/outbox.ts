import type { Channel } from '../domain';

/** What the local outbox recorded (GET /dev/outbox shows these, oldest first). */
export interface OutboxMessage {
  readonly id: string;
  readonly channel: Channel;
  /** The sender: the SMS number (ACS_SMS_FROM, else a local number), or the email sender address. */
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly meetingId: string | null;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly sendKey: string;
  /** The provider message ID the send returned: what delivery reports carry. */
  readonly messageId: string;
  readonly createdAt: string;
  /** A WhatsApp message's quick-reply buttons (absent for other channels and free texts). */
  readonly buttons?: readonly { readonly text: string; readonly payload: string }[];
}

/** A customer's SMS to one of our numbers, as the devhost posted it to the events webhook (GET /dev/outbox shows them). */
export interface OutboxInboundSms {
  /** The event ID of the SMSReceived event the devhost posted. */
  readonly eventId: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly createdAt: string;
}
