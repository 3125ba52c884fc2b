import { randomUUID } from 'node:crypto';
import { errorBody, UUID_PATTERN, type Reply, type RouteContext } from './acs-behaviours';

interface EmailRequest {
  senderAddress?: unknown;
  content?: { subject?: unknown; plainText?: unknown; html?: unknown };
  recipients?: { to?: { address?: unknown }[] };
}

interface Operation {
  id: string;
  runningPolls: number;
  failureCode?: string;
}

export interface EmailRouteOptions {
  /** How many status polls answer `Running` before the terminal status. */
  runningPolls: number;
  /** What a send with an Operation-Id already used gets: the same operation again (202), or 409. */
  duplicateOperationId: 'replay' | 'conflict';
}

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * `POST /emails:send` (202 + `operation-location`, body `{ id, status: "Running" }`) and
 * `GET /emails/operations/{id}` (`Running` for `runningPolls` polls, then `Succeeded` or `Failed`).
 * The client's `Operation-Id` header, when present, becomes the operation ID.
 */
export function createEmailRoute(options: EmailRouteOptions): {
  recipients(body: unknown): string[];
  send(ctx: RouteContext): Reply;
  poll(ctx: RouteContext, operationId: string): Reply;
} {
  const operations = new Map<string, Operation>();

  function accepted(ctx: RouteContext, operation: Operation, hang: boolean): Reply {
    const apiVersion = ctx.query.get('api-version') ?? '';
    const location = `${ctx.baseUrl}/emails/operations/${operation.id}?api-version=${apiVersion}`;
    return { status: 202, headers: { 'operation-location': location }, body: { id: operation.id, status: 'Running' }, hang };
  }

  return {
    recipients: (body) => ((body as EmailRequest | undefined)?.recipients?.to ?? []).map((r) => String(r.address)),
    send(ctx) {
      const request = (ctx.body ?? {}) as EmailRequest;
      const to = request.recipients?.to;
      const content = request.content;
      const valid =
        typeof request.senderAddress === 'string' &&
        typeof content?.subject === 'string' &&
        (typeof content.plainText === 'string' || typeof content.html === 'string') &&
        Array.isArray(to) &&
        to.length > 0;
      if (!valid) return { status: 400, body: errorBody('BadRequest', 'Invalid send request.') };
      const header = ctx.headers['operation-id'];
      if (header !== undefined && (typeof header !== 'string' || !UUID_PATTERN.test(header))) {
        return { status: 400, body: errorBody('BadRequest', 'Operation-Id must be a GUID.') };
      }
      const id = header ?? randomUUID();
      const existing = operations.get(id);
      if (existing) {
        if (options.duplicateOperationId === 'conflict') return { status: 409, body: errorBody('Conflict', 'Operation ID already used.') };
        return accepted(ctx, existing, false);
      }
      const behaviour = ctx.behaviour;
      if (behaviour?.kind === 'invalidRecipient' || !to.every((r) => typeof r.address === 'string' && ADDRESS.test(r.address))) {
        return { status: 400, body: errorBody('BadRequest', 'Invalid email address format.') };
      }
      const operation: Operation = { id, runningPolls: options.runningPolls };
      if (behaviour?.kind === 'operationFailed') operation.failureCode = behaviour.code;
      else for (const recipient of to) ctx.deliver({ channel: 'email', id, to: String(recipient.address), request });
      operations.set(id, operation);
      return accepted(ctx, operation, behaviour?.kind === 'acceptThenHang');
    },
    poll(_ctx, operationId) {
      const operation = operations.get(operationId);
      if (!operation) return { status: 404, body: errorBody('NotFound', 'Operation not found.') };
      if (operation.runningPolls > 0) {
        operation.runningPolls -= 1;
        return { status: 200, body: { id: operation.id, status: 'Running' } };
      }
      if (operation.failureCode !== undefined) {
        const error = errorBody(operation.failureCode, 'The email could not be sent.').error;
        return { status: 200, body: { id: operation.id, status: 'Failed', error } };
      }
      return { status: 200, body: { id: operation.id, status: 'Succeeded' } };
    },
  };
}
