import type { Channel } from '../domain';

/** What the local outbox recorded (GET /dev/outbox shows these, oldest first). */
export interface OutboxMessage {
  readonly id: string;
  readonly channel: Channel;
  readonly to: string;
  readonly type: string;
  readonly meetingId: string | null;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly sendKey: string;
  readonly createdAt: string;
}
