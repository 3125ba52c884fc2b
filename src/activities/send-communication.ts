import { parseSendKey, planCommunications } from '../domain';
import type { AppDeps } from '../app/deps';
import type { LedgerEntry } from '../ports/ledger';
import type { SendResult } from '../ports/send-result';
import type { SendOutcome, SendRequest } from '../workflows/steps';
import { renderCommunication } from './render-communication';

/**
 * Sends one communication exactly once. The ledger row for the send key is claimed before the
 * provider is called; a send already recorded is never repeated. A claim left by a crashed attempt
 * is resumed with the same key and first-sent time, which the provider deduplicates (ACS
 * repeatability, the outbox's key), so a crash between "accepted" and "recorded" cannot double it.
 * Settings are read again here: a channel switched off after planning sends nothing.
 * Permanent failures are returned; transient ones throw so the host retries.
 */
export async function sendCommunication(deps: AppDeps, req: SendRequest): Promise<SendOutcome> {
  const parts = parseSendKey(req.sendKey);
  if (!parts || parts.meetingId !== req.meetingId) return { status: 'skipped', reason: 'invalid send key' };
  const { type, channel, version } = parts;
  const stored = await deps.meetings.get(req.meetingId);
  if (!stored) return { status: 'skipped', reason: 'meeting not found' };
  const [{ settings }, ledger] = await Promise.all([deps.settings.get(), deps.ledger.listForMeeting(req.meetingId)]);
  const now = deps.clock.now();
  let entry: LedgerEntry | undefined = ledger.find((e) => e.sendKey === req.sendKey);
  if (entry && entry.status !== 'claimed') return recorded(entry);
  if (!entry) {
    const plan = planCommunications({ meeting: stored.record, settings, ledger: ledger.map((e) => e.sendKey), now });
    const planned = plan.find((p) => p.sendKey === req.sendKey);
    if (!planned || planned.status !== 'due') return { status: 'skipped', reason: planned?.reason ?? 'no longer due' };
    const claim = await deps.ledger.claim({ sendKey: req.sendKey, meetingId: req.meetingId, version, type, channel, plannedFor: planned.dueAt ?? null }, now);
    if (!claim.claimed && claim.entry.status !== 'claimed') return recorded(claim.entry);
    entry = claim.entry;
    // Read again after claiming: a cancellation saved meanwhile wins. (Cancelling saves first and
    // then waits for claimed sends, so no reminder can go out after a cancel was acknowledged.)
    const fresh = await deps.meetings.get(req.meetingId);
    if (type !== 'cancellation' && fresh?.record.status !== 'scheduled') {
      await deps.ledger.markFailed(req.meetingId, req.sendKey, `the meeting is ${fresh?.record.status ?? 'gone'}`, now);
      return { status: 'skipped', reason: `the meeting is ${fresh?.record.status ?? 'gone'}` };
    }
  } else {
    deps.log.info(`send ${req.sendKey}: resuming an interrupted send`);
  }
  const contact = stored.record.contact;
  const to = channel === 'email' ? contact.email : contact.phone;
  if (!to) {
    await deps.ledger.markFailed(req.meetingId, req.sendKey, `no ${channel === 'email' ? 'email address' : 'phone number'}`, now);
    return { status: 'failed', reason: `no ${channel} address` };
  }
  const message = await renderCommunication(deps, stored.record, settings, type, channel);
  const result: SendResult =
    message.channel === 'email'
      ? await deps.email.send({ to, subject: message.subject, text: message.text, html: message.html }, req.sendKey)
      : await deps.sms.send({ to, text: message.text }, req.sendKey, new Date(entry.firstSentAt));
  const done = deps.clock.now();
  if (result.status === 'sent') {
    await deps.ledger.markSent(req.meetingId, req.sendKey, result.providerMessageId, done);
    if (type === 'reminder') await deps.meetings.markReminderSent(req.meetingId, channel);
    deps.log.info(`send ${req.sendKey}: sent (${result.providerMessageId})`);
    return { status: 'sent', providerMessageId: result.providerMessageId };
  }
  await deps.ledger.markFailed(req.meetingId, req.sendKey, result.reason, done);
  deps.log.warn(`send ${req.sendKey}: failed (${result.kind})`);
  return { status: 'failed', reason: result.reason };
}

function recorded(entry: LedgerEntry): SendOutcome {
  if (entry.status === 'failed') return { status: 'failed', reason: entry.reason ?? 'failed' };
  return { status: 'sent', providerMessageId: entry.providerMessageId ?? '' };
}
