import type { AboutKind } from '../../ports/dispatch';
import { meetingSend, type MeetingSendDeps } from './meeting-sends';
import type { NothingToSend, PendingSend } from './pending-send';

export type SourceDeps = MeetingSendDeps;

/** A producer of sends for one kind of subject: what a send key of that subject asks for. */
export type SendSource = (deps: SourceDeps, id: string, key: string) => Promise<PendingSend | NothingToSend>;

/**
 * The producers whose sends run as durable activities, by what the message is about. Test sends
 * and help answers are made in the request (see send-test-message.ts, replies/help-answer.ts);
 * callbacks and deflections come later.
 */
export const SEND_SOURCES: Partial<Record<AboutKind, SendSource>> = {
  meeting: meetingSend,
};
