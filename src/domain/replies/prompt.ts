import type { AnswerIntent, ReplyIntent } from './reply-keywords';
import { normaliseReply } from './classify-reply';

/** How a prompt ended (API.md "Two-way messages"); `open` while it waits. */
export const PROMPT_OUTCOMES = ['open', 'confirmed', 'cancelled', 'rescheduleRequested', 'noMatch', 'timeout', 'optedOut', 'superseded'] as const;
export type PromptOutcome = (typeof PROMPT_OUTCOMES)[number];

/** The outcome an answer gives its prompt. */
export const ANSWER_OUTCOMES: Readonly<Record<AnswerIntent, PromptOutcome>> = { confirm: 'confirmed', cancel: 'cancelled', reschedule: 'rescheduleRequested' };

/** What the meeting's attendance becomes when a prompt ends with an outcome. */
export type Attendance = 'unknown' | 'confirmed' | 'declined' | 'rescheduleRequested';
const ATTENDANCE: Partial<Record<PromptOutcome, Attendance>> = { confirmed: 'confirmed', cancelled: 'declined', rescheduleRequested: 'rescheduleRequested' };

/** The prompt's instance and row ID: one per send key, so a resumed send opens the same prompt. */
export const promptIdFor = (sendKey: string): string => `prompt|${sendKey}`;

/** A prompt waits `timeoutHours`, but never past the meeting's start (an answer after it means nothing). */
export function promptClosesAt(openedAt: string, timeoutHours: number, start: string): string {
  const timeout = Date.parse(openedAt) + timeoutHours * 3_600_000;
  return new Date(Math.min(timeout, Date.parse(start))).toISOString();
}

/** The meeting number a reply names ("YES 2", "2 yes"): one standalone number, else none. */
export function choiceIn(text: string): number | undefined {
  const numbers = normaliseReply(text).split(' ').filter((w) => /^\d{1,2}$/.test(w));
  return numbers.length === 1 ? Number(numbers[0]) : undefined;
}

/** The part of a prompt the decision needs. */
export interface PromptChoice { readonly promptId: string; readonly openedAt: string }

/** What a reply on a pair with open prompts does. */
export type ReplyDecision =
  | { readonly kind: 'answer'; readonly promptId: string; readonly intent: AnswerIntent }
  | { readonly kind: 'which' }
  | { readonly kind: 'noMatch' };

/**
 * Decides what a reply answers. Prompts are numbered in the order they opened (as `replyWhich` lists
 * them). One open prompt takes any answer; several need the number, and without one the customer is
 * asked which: a reply never silently picks a meeting. A number out of range is no match.
 */
export function decideReply(open: readonly PromptChoice[], intent: ReplyIntent, choice: number | undefined): ReplyDecision {
  if (intent !== 'confirm' && intent !== 'cancel' && intent !== 'reschedule') return { kind: 'noMatch' };
  const ordered = [...open].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.promptId.localeCompare(b.promptId));
  if (choice !== undefined) {
    const picked = ordered[choice - 1];
    return picked ? { kind: 'answer', promptId: picked.promptId, intent } : { kind: 'noMatch' };
  }
  if (ordered.length === 1) return { kind: 'answer', promptId: ordered[0]!.promptId, intent };
  return ordered.length === 0 ? { kind: 'noMatch' } : { kind: 'which' };
}

/** The attendance the latest answered prompt gives (prompts with `closedAt`), else `unknown`. */
export function attendanceOf(prompts: readonly { readonly outcome: PromptOutcome; readonly closedAt: string | null }[]): Attendance {
  const answered = prompts.filter((p) => ATTENDANCE[p.outcome] !== undefined && p.closedAt !== null).sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''));
  const last = answered[answered.length - 1];
  return last ? (ATTENDANCE[last.outcome] ?? 'unknown') : 'unknown';
}
