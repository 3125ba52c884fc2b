import { CHANNELS, COMMUNICATION_TYPES, type Channel, type CommunicationType } from '../communication';

/** What identifies one send: the same meeting, version, type and channel is the same message. */
export interface SendKeyParts {
  readonly meetingId: string;
  readonly version: number;
  readonly type: CommunicationType;
  readonly channel: Channel;
}

/**
 * The deterministic send key `meetingId|version|type|channel`, e.g. `A-1001|2|reminder|sms`. Meeting
 * IDs cannot contain `|`, so the key splits back unambiguously. It is the ledger row key and the seed
 * of the provider's idempotency IDs, so its format must never change for existing rows.
 */
export function sendKey(parts: SendKeyParts): string {
  return `${parts.meetingId}|${parts.version}|${parts.type}|${parts.channel}`;
}

/** Splits a send key back into its parts; undefined when it is not one {@link sendKey} makes. */
export function parseSendKey(key: string): SendKeyParts | undefined {
  const [meetingId, version, type, channel, ...rest] = key.split('|');
  if (meetingId === undefined || version === undefined || type === undefined || channel === undefined || rest.length > 0) return undefined;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(meetingId) || !/^[1-9]\d*$/.test(version)) return undefined;
  const knownType = COMMUNICATION_TYPES.find((t) => t === type);
  const knownChannel = CHANNELS.find((c) => c === channel);
  if (knownType === undefined || knownChannel === undefined) return undefined;
  return { meetingId, version: Number(version), type: knownType, channel: knownChannel };
}
