import { createHash } from 'node:crypto';

/** A call's ID: derived from its send key (32 hex digits of its SHA-256), so a resumed send finds the same call. */
export const callIdFor = (sendKey: string): string => createHash('sha256').update(`call|${sendKey}`, 'utf8').digest('hex').slice(0, 32);

/**
 * The `operationContext` of a call's actions (`createCall` is step 0): the provider echoes it in
 * every callback about the action, so a callback names its call, attempt and step without a lookup,
 * and a stale one (an older step, another attempt) is recognised.
 */
export const operationContext = (callId: string, attempt: number, step: number): string => `${callId}:${attempt}:${step}`;

/** The parts of one of our operationContexts, or undefined for anything else. */
export function parseOperationContext(value: string | null | undefined): { callId: string; attempt: number; step: number } | undefined {
  const match = /^([0-9a-f]{32}):([1-9]\d{0,2}):(\d{1,4})$/.exec(value ?? '');
  if (!match) return undefined;
  return { callId: match[1] as string, attempt: Number(match[2]), step: Number(match[3]) };
}
