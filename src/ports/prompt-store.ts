import type { ReplyChannel } from './inbound';
import type { PromptOutcome, ReplyIntent } from '../domain';

/**
 * A question an SMS asked (a confirmation or reminder with replies on): which customer number may
 * answer it to which of our numbers, until when. Numbers are personal data: never logged.
 */
export interface StoredPrompt {
  readonly promptId: string;
  readonly meetingId: string;
  /** The send that asked it. */
  readonly sendKey: string;
  readonly channel: ReplyChannel | 'voice';
  /** The customer's number (E.164). */
  readonly customer: string;
  /** Our number it was sent from (E.164). */
  readonly sender: string;
  readonly locale: string;
  readonly openedAt: string;
  readonly closesAt: string;
  readonly outcome: PromptOutcome;
  readonly closedAt: string | null;
  /** The reply event that closed it, so a redelivered event finishes its follow-ups instead of stopping. */
  readonly closedBy: string | null;
  /** Event IDs of replies that matched nothing (the first gets help, the next ends it). */
  readonly noMatches: readonly string[];
  /**
   * False once its orchestration took all the replies it takes (a customer texting on and on): it
   * stays open until its timeout, but later replies of the pair are kept for staff instead of being
   * handed to it. Absent (rows from before) means listening.
   */
  readonly listening?: boolean;
}

/** One reply as GetMeeting lists it (no text, no number). */
export interface MeetingReply {
  readonly eventId: string;
  readonly meetingId: string;
  readonly receivedAt: string;
  readonly channel: ReplyChannel | 'voice';
  readonly intent: ReplyIntent;
  readonly outcome: string;
}

export interface PromptStore {
  /** Stores a new prompt; one with the same ID already there is kept as it is. */
  open(prompt: StoredPrompt): Promise<void>;
  get(promptId: string): Promise<StoredPrompt | undefined>;
  /** Prompts still `open` for a customer number (and one sender number, if given), oldest first. */
  openFor(customer: string, sender?: string): Promise<StoredPrompt[]>;
  /** Ends an open prompt; false when it had already ended (nothing changes then). */
  close(promptId: string, outcome: Exclude<PromptOutcome, 'open'>, at: string, eventId: string | null): Promise<boolean>;
  /** The prompt most recently opened for a customer number, open or not (its locale answers HELP). */
  newestFor(customer: string): Promise<StoredPrompt | undefined>;
  /** Marks an open prompt as no longer taking replies (see `listening`); false when it was not open or already so. */
  stopListening(promptId: string): Promise<boolean>;
  /** Up to `limit` open prompts of any number (for ending them all when replies are turned off). */
  listOpen(limit: number): Promise<StoredPrompt[]>;
  /** Notes a reply that matched nothing (once per event ID); returns how many the prompt has had. */
  noteNoMatch(promptId: string, eventId: string): Promise<number>;
  /** Every prompt of a meeting, oldest first. */
  forMeeting(meetingId: string): Promise<StoredPrompt[]>;
  /** Records a reply for its meeting (once per event ID and meeting). */
  recordReply(reply: MeetingReply): Promise<void>;
  /** A meeting's replies, oldest first. */
  repliesFor(meetingId: string): Promise<MeetingReply[]>;
}
