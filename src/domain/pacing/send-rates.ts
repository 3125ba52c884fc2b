import { fail, ok, type Result } from '../result';

/** Channels SEND_RATES may name (voice and WhatsApp included, so a rate can be set before they ship). */
export const PACED_CHANNELS = ['sms', 'email', 'voice', 'whatsapp'] as const;
export type PacedChannel = (typeof PACED_CHANNELS)[number];

/**
 * Sends per minute, per channel, with per-sender overrides (`sms:+18005550100`); and for voice the
 * concurrent calls per caller number (`lines`), likewise.
 */
export interface SendRates {
  readonly byChannel: Readonly<Partial<Record<PacedChannel, number>>>;
  readonly bySender: Readonly<Record<string, number>>;
  readonly linesByChannel: Readonly<Partial<Record<LimitedChannel, number>>>;
  readonly linesBySender: Readonly<Record<string, number>>;
}

/** Channels whose bare number is a count of concurrent sends (lines), not a rate: calls. */
export const LIMITED_CHANNELS = ['voice'] as const;
export type LimitedChannel = (typeof LIMITED_CHANNELS)[number];
/** Most concurrent calls one number may be configured for. */
export const MAX_LINES = 1_000;

/**
 * The default of API.md: ACS toll-free SMS, ACS Email on a custom domain, and two concurrent calls
 * per caller number (ACS's default, acs-channels.md §2.5).
 */
export const DEFAULT_SEND_RATES = 'sms=200/min,email=30/min,voice=2';

const PER = { s: 60, sec: 60, min: 1, hour: 1 / 60, h: 1 / 60 } as const;
const ITEM = /^(sms|email|voice|whatsapp)(?::([^=\s]+))?=(\d+(?:\.\d+)?)(?:\/(s|sec|min|hour|h))?$/;

/**
 * Parses SEND_RATES: comma-separated `channel=N[/s|/min|/hour]` (a bare N is per minute), and
 * `channel:sender=N…` for one sender (an SMS number, an email sender address). For voice a bare N is
 * the number of concurrent calls per caller number (`voice=2`, `voice:+18005550100=5`) and an explicit
 * unit a rate (`voice=10/min`); both may be given, and both hold. Every problem is a message naming the
 * item by position, for the configuration error.
 */
export function parseSendRates(text: string): Result<SendRates, string> {
  const byChannel: Partial<Record<PacedChannel, number>> = {};
  const bySender: Record<string, number> = {};
  const linesByChannel: Partial<Record<LimitedChannel, number>> = {};
  const linesBySender: Record<string, number> = {};
  const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) return fail('must list at least one rate, e.g. sms=200/min,email=30/min,voice=2');
  for (const [index, item] of items.entries()) {
    const match = ITEM.exec(item);
    // Items are named by position: configuration errors never repeat a value.
    if (!match) return fail(`item ${index + 1} must look like sms=200/min, email=100/hour, voice=2 or sms:+18005550100=6000/min (channels: ${PACED_CHANNELS.join(', ')})`);
    const [, channel, sender, amount, unit] = match as unknown as [string, PacedChannel, string | undefined, string, keyof typeof PER | undefined];
    if (unit === undefined && isLimited(channel)) {
      const lines = Number(amount);
      if (!Number.isInteger(lines) || lines < 1 || lines > MAX_LINES) return fail(`item ${index + 1} must be a whole number of concurrent calls from 1 to ${MAX_LINES} (or a rate with its unit, e.g. voice=10/min)`);
      if (sender === undefined) linesByChannel[channel] = lines;
      else linesBySender[`${channel}:${sender}`] = lines;
      continue;
    }
    const perMinute = Number(amount) * PER[unit ?? 'min'];
    if (!(perMinute > 0) || perMinute > 1_000_000) return fail(`item ${index + 1} must be a rate above 0 and at most 1000000/min`);
    if (sender === undefined) byChannel[channel] = perMinute;
    else bySender[`${channel}:${sender}`] = perMinute;
  }
  return ok({ byChannel, bySender, linesByChannel, linesBySender });
}

const isLimited = (channel: string): channel is LimitedChannel => (LIMITED_CHANNELS as readonly string[]).includes(channel);

/** The concurrent sends one sender may have up (its own override, else its channel's); undefined: no limit. */
export function linesFor(rates: SendRates, channel: string, sender: string): number | undefined {
  return rates.linesBySender[`${channel}:${sender}`] ?? (isLimited(channel) ? rates.linesByChannel[channel] : undefined);
}

/** The rate of one sender: its own override, else its channel's; undefined means unpaced. */
export function rateFor(rates: SendRates, channel: string, sender: string): number | undefined {
  return rates.bySender[`${channel}:${sender}`] ?? rates.byChannel[channel as PacedChannel];
}
