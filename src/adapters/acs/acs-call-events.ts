import { z } from 'zod';
import { fail, ok, type FieldError, type Result } from '../../domain/result';
import type { CallEvent, CallEventParser } from '../../ports/calls';

const PREFIX = 'Microsoft.Communication.';

/** Call Automation's callback types (acs-channels.md §2.3) → ours; any other type is `other` (answered 200, ignored). */
const KINDS: Readonly<Record<string, CallEvent['kind']>> = {
  CallConnected: 'connected',
  CallDisconnected: 'disconnected',
  CreateCallFailed: 'createFailed',
  RecognizeCompleted: 'recognized',
  RecognizeFailed: 'recognizeFailed',
  PlayCompleted: 'playCompleted',
  PlayFailed: 'playFailed',
  CallTransferAccepted: 'transferAccepted',
  CallTransferFailed: 'transferFailed',
};

/** The event type names the devhost and the loopback server post (exactly as ACS names them). */
export const CALL_EVENT_TYPES = Object.fromEntries(Object.keys(KINDS).map((name) => [name, `${PREFIX}${name}`])) as Readonly<Record<keyof typeof KINDS, string>>;

/** DTMF tones as Call Automation spells them (`one`, `pound`) → the key. */
const TONES: Readonly<Record<string, string>> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', asterisk: '*', pound: '#', a: 'A', b: 'B', c: 'C', d: 'D',
};

const text = z.string().min(1).max(1024);
const cloudEvent = z.object({
  id: text,
  type: text,
  time: z.string().max(64).optional(),
  data: z.object({
    callConnectionId: text,
    operationContext: z.string().max(1024).nullish(),
    resultInformation: z.object({ code: z.number().int().optional(), subCode: z.number().int().optional() }).passthrough().nullish(),
    dtmfResult: z.object({ tones: z.array(z.string().max(16)).max(64) }).passthrough().nullish(),
    // The 2022 doc sample's name for the same result.
    collectTonesResult: z.object({ tones: z.array(z.string().max(16)).max(64) }).passthrough().nullish(),
  }).passthrough(),
}).passthrough();

/** At most this many events in one POST (ACS sends one or a few). */
const MAX_EVENTS = 100;

/**
 * Parses a Call Automation callback body: a JSON array of CloudEvents 1.0 (or one event). Each event
 * keeps its own `id` (the SDK's `parseCallAutomationEvent` drops it, and reads only the first element),
 * its time (the envelope's, else now), the call connection and operationContext, the first tone
 * pressed and the result codes: no number, no text. A malformed element fails the whole body,
 * naming it (`[1].data.callConnectionId`).
 */
export const parseCallEvents: CallEventParser = (body: unknown): Result<CallEvent[], FieldError> => {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return fail({ path: '', message: 'must hold at least one event' });
  if (items.length > MAX_EVENTS) return fail({ path: '', message: `must hold at most ${MAX_EVENTS} events` });
  const events: CallEvent[] = [];
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const parsed = cloudEvent.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ path: `[${index}]${issue.path.map((part) => `.${String(part)}`).join('')}`, message: issue.message });
      return;
    }
    const { id, type, time, data } = parsed.data;
    const name = type.startsWith(PREFIX) ? type.slice(PREFIX.length) : type;
    const at = time !== undefined && !Number.isNaN(Date.parse(time)) ? new Date(Date.parse(time)).toISOString() : new Date().toISOString();
    const tone = (data.dtmfResult ?? data.collectTonesResult)?.tones[0];
    const info = data.resultInformation ?? undefined;
    events.push({
      kind: KINDS[name] ?? 'other', eventId: id, type: name, callConnectionId: data.callConnectionId, operationContext: data.operationContext ?? null, at,
      ...(tone !== undefined ? { tone: TONES[tone.toLowerCase()] ?? tone } : {}),
      ...(info?.code !== undefined ? { code: info.code } : {}),
      ...(info?.subCode !== undefined ? { subCode: info.subCode } : {}),
    });
  });
  return errors.length > 0 ? fail(...errors) : ok(events);
};
