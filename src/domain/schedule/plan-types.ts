import type { Channel, CommunicationType } from '../communication';
import type { MeetingRecord } from '../meeting/meeting-schema';
import type { Settings } from '../settings/settings-schema';

/**
 * - `due`: send now (`dueAt` is when it became due, never after `now`);
 * - `planned`: send at `dueAt` (in the future);
 * - `skipped`: will not be sent as things stand (`reason` says why); a later change may revive it;
 * - `done`: its send key is already in the ledger (claimed or sent).
 */
export type PlanStatus = 'due' | 'planned' | 'skipped' | 'done';

/** The plan for one type × channel. */
export interface PlannedCommunication {
  readonly type: CommunicationType;
  readonly channel: Channel;
  readonly status: PlanStatus;
  /** The send key this message would use (see `sendKey`). */
  readonly sendKey: string;
  /** UTC ISO 8601 instant, for `due` and `planned`. */
  readonly dueAt?: string;
  readonly reason?: string;
}

/** One entry per type × channel, in the order confirmation, reminder, cancellation × the registered channels. */
export type CommunicationPlan = readonly PlannedCommunication[];

/** Inputs of `planCommunications`. */
export interface PlanInput {
  readonly meeting: MeetingRecord;
  readonly settings: Settings;
  /** Send keys already claimed or sent for this meeting (any version). */
  readonly ledger: Iterable<string>;
  readonly now: Date;
  /**
   * Channels the contact's address opted out of (a STOP reply: `sms`). The caller reads the opt-out
   * store; the planner stays pure. Required, so no caller can forget to ask.
   */
  readonly optedOut: ReadonlySet<Channel>;
  /**
   * How long a confirmation or reminder of a Teams meeting waits for its join link (`TEAMS_LINK_WAIT`,
   * from the current version's time); absent or 0: it never waits.
   */
  readonly teamsLinkWaitMs?: number;
}

/** The reasons the planner gives, fixed strings so callers and tests can match them. */
export const PLAN_REASONS = {
  masterOff: 'communications are turned off',
  completed: 'the meeting is completed',
  cancelled: 'the meeting is cancelled',
  notCancelled: 'the meeting is not cancelled',
  external: 'cancelled outside this service: no notice is sent',
  started: 'the meeting has started',
  lateSkip: 'booked inside the reminder threshold',
  lateSendNow: 'booked inside the reminder threshold: sent now',
  alreadySent: 'already sent for this version',
  optedOut: 'opted out',
  waitingForJoinLink: 'waiting for the Teams join link',
} as const;

/** Why a message waits: it fell inside the quiet hours of the recipient's zone. */
export function quietHoursHoldReason(start: string, end: string, zone: string): string {
  return `held by quiet hours (${start}–${end} ${zone}) until ${end}`;
}

/** Why a message is skipped: the end of the quiet hours is at or after the meeting's start. */
export function quietHoursSkipReason(start: string, end: string, zone: string): string {
  return `inside quiet hours (${start}–${end} ${zone}) until after the meeting starts`;
}

/** The reason for a type × channel that the settings turn off. */
export function turnedOffReason(type: CommunicationType, channel: Channel): string {
  return `${type} by ${channel} is turned off`;
}
