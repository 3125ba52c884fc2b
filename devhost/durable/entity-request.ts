import { createHash } from 'node:crypto';

/**
 * An operation request, as the extension encodes it in the EventRaised (or, from an orchestrator,
 * the EventSent) that carries it. `input` is JSON text; `parent` is the orchestration that waits for
 * the answer to a call (a signal, or a call from a client, has no answer).
 */
export interface EntityRequest {
  id: string;
  op: string;
  signal: boolean;
  input?: string;
  parent?: string;
  parentExecution?: string;
  timestamp: string;
}

/** The answer to a call, as the SDK's ResponseMessage reads it: `result` is JSON text. */
export interface EntityResponse { result?: string; exceptionType?: string }

/**
 * A request ID derived from who sends it (so a retried episode sends the same request, which the
 * entity's inbox keeps once), shaped as a GUID like the extension's.
 */
export function entityRequestId(...parts: Array<string | number>): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function parseRequest(input: string | undefined): EntityRequest | undefined {
  try {
    const r = JSON.parse(input ?? '') as Partial<EntityRequest>;
    return typeof r.id === 'string' && typeof r.op === 'string' ? (r as EntityRequest) : undefined;
  } catch {
    return undefined;
  }
}
