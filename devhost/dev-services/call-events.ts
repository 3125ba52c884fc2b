import { randomUUID } from 'node:crypto';
import { CALL_EVENT_TYPES } from '../../src/adapters/devhost-hooks';

/** A key as Call Automation spells it in `dtmfResult.tones`. */
const TONE_NAMES: Readonly<Record<string, string>> = {
  '0': 'zero', '1': 'one', '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine', '*': 'asterisk', '#': 'pound',
};

export const toneName = (key: string): string | undefined => TONE_NAMES[key];

export interface CallbackFacts {
  readonly callConnectionId: string;
  readonly operationContext: string | null;
  readonly code?: number;
  readonly subCode?: number;
  readonly message?: string;
  readonly tones?: readonly string[];
}

/**
 * One Call Automation mid-call callback as ACS posts it: a CloudEvents 1.0 envelope (one element of
 * the array posted) with the event's own `id`, `source` naming the connection, and the data fields of
 * Microsoft's samples (acs-channels.md §2.3). Shared by the devhost's /dev/calls and the tests'
 * loopback Call Automation server.
 */
export function callCloudEvent(type: keyof typeof CALL_EVENT_TYPES, facts: CallbackFacts, now: Date): Record<string, unknown> {
  const source = `calling/callConnections/${facts.callConnectionId}`;
  const resultInformation = facts.code === undefined ? undefined : { code: facts.code, subCode: facts.subCode ?? 0, message: facts.message ?? type };
  return {
    id: randomUUID(),
    source,
    type: CALL_EVENT_TYPES[type],
    subject: source,
    specversion: '1.0',
    datacontenttype: 'application/json',
    time: now.toISOString(),
    data: {
      callConnectionId: facts.callConnectionId,
      serverCallId: `server-${facts.callConnectionId}`,
      correlationId: `corr-${facts.callConnectionId}`,
      operationContext: facts.operationContext,
      ...(resultInformation ? { resultInformation } : {}),
      ...(facts.tones ? { recognitionType: 'dtmf', dtmfResult: { tones: facts.tones.map((t) => toneName(t) ?? t) } } : {}),
    },
  };
}

/** Posts callbacks to a call's callback URL as ACS does (a JSON array); answers the status (0 unreachable). */
export async function postCallbacks(callbackUrl: string, events: readonly Record<string, unknown>[]): Promise<number> {
  try {
    const res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
