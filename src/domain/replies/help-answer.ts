import { createHash } from 'node:crypto';

/** At most one answer to HELP without a prompt per number in this long: two auto-responders cannot ping-pong. */
export const HELP_ANSWER_INTERVAL_MS = 3_600_000;

/**
 * What the help answers to a number are about (their ledger subject): the SHA-256 of the E.164
 * number, so ledger keys never hold the number itself, and all its help answers are one partition.
 */
export const helpSubjectId = (phone: string): string => createHash('sha256').update(phone, 'utf8').digest('hex');

/** The part of a ledger entry the rate limit reads. */
export interface HelpAnswerEntry { readonly sendKey: string; readonly status: string; readonly firstSentAt: string }

/**
 * Whether help answer `key` (already claimed, at `mine.firstSentAt`) must give way to another answer
 * to the same number within {@link HELP_ANSWER_INTERVAL_MS} of it. Only answers that went (or may be
 * going) out count, not failed or dropped ones. Two claimed at once see each other: the earlier claim
 * (then the smaller key) goes, the other yields, so exactly one is sent.
 */
export function helpAnsweredRecently(entries: readonly HelpAnswerEntry[], mine: HelpAnswerEntry): boolean {
  const at = Date.parse(mine.firstSentAt);
  return entries.some((e) => {
    if (e.sendKey === mine.sendKey || e.status === 'failed') return false;
    const other = Date.parse(e.firstSentAt);
    if (Math.abs(at - other) >= HELP_ANSWER_INTERVAL_MS) return false;
    return other < at || (other === at && e.sendKey < mine.sendKey);
  });
}
