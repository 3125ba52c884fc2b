import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { acceptDeflection } from '../app/deflections/accept-deflection';
import { MAX_DEFLECTION_BYTES, parseDeflectionRequest } from '../app/deflections/deflection-request';
import { deflectionView, ticketView } from '../app/deflections/deflection-views';
import { requireAdminOrKeyScheme } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

/** IDs a deflection or ticket can have (the request's pattern; ticket IDs are `T-<uuid>`): anything else is a 404 before storage is read. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const noStore = { 'cache-control': 'no-store' };
const notFound = (what: string): HttpResponseInit => problem(404, 'Not found', `No such ${what}.`);

/** POST /api/deflections, GET /api/deflections/{id}, GET /api/tickets/{id} (API.md "IVR deflection to WhatsApp"). */
export function deflectionHandlers(env: HandlerEnv) {
  return guardAll({
    /** POST /api/deflections — CreateDeflection: Adereso's body or ours, `Authorization: Key` or x-api-key; 202 at once, the send follows. */
    async create(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdminOrKeyScheme(req, deps);
      if (!admin.ok) return admin.response;
      const key = req.headers.get('idempotency-key') ?? undefined;
      if (key !== undefined && !ID.test(key)) return problem(400, 'Invalid Idempotency-Key', 'The Idempotency-Key header must be 1–100 characters of A-Z a-z 0-9 . _ : -.', [{ path: 'Idempotency-Key', message: 'must be 1–100 characters of A-Z a-z 0-9 . _ : -' }]);
      const body = await readJson(req, MAX_DEFLECTION_BYTES);
      if (!body.ok) return body.response;
      const request = parseDeflectionRequest(body.value, deps.config.DEFLECTION_COUNTRIES);
      if (!request.ok) return problem(400, 'Invalid deflection', 'One or more fields are invalid; nothing was sent.', [...request.errors]);
      if (key !== undefined && request.value.deflectionId !== undefined && key !== request.value.deflectionId) {
        return problem(400, 'Invalid deflection', 'deflectionId and the Idempotency-Key header name different deflections; nothing was sent.', [{ path: 'deflectionId', message: 'must equal the Idempotency-Key header when both are sent' }]);
      }
      const outcome = await acceptDeflection(deps, env.workflow(context), request.value, key);
      if (outcome.kind === 'conflict') {
        return problem(409, 'Deflection ID in use', 'This deflectionId (or Idempotency-Key) was used by a different request; nothing was sent.', [{ path: 'deflectionId', message: 'was used by a different request' }]);
      }
      const { deflectionId, ticketId } = outcome.deflection;
      return { status: 202, headers: { ...noStore, location: `/api/deflections/${encodeURIComponent(deflectionId)}` }, jsonBody: { deflectionId, ticketId, status: 'accepted' } };
    },
    /** GET /api/deflections/{id} — GetDeflection. */
    async get(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdminOrKeyScheme(req, deps);
      if (!admin.ok) return admin.response;
      const id = req.params.deflectionId ?? '';
      const view = ID.test(id) ? await deflectionView(deps, id) : undefined;
      return view ? { status: 200, headers: noStore, jsonBody: view } : notFound('deflection');
    },
    /** POST /api/tickets/{id}/close — CloseTicket: it stops gathering the customer's messages (a repeat is harmless). */
    async close(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdminOrKeyScheme(req, deps);
      if (!admin.ok) return admin.response;
      const id = req.params.ticketId ?? '';
      if (!ID.test(id) || !(await deps.tickets.get(id))) return notFound('ticket');
      if (await deps.tickets.close(id, deps.clock.now().toISOString())) deps.log.info(`ticket ${id}: closed by ${admin.by}`);
      return { status: 200, headers: noStore, jsonBody: await ticketView(deps, id) };
    },
    /** GET /api/tickets/{id} — GetTicket: metadata, team, status and the customer's messages since. */
    async ticket(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdminOrKeyScheme(req, deps);
      if (!admin.ok) return admin.response;
      const id = req.params.ticketId ?? '';
      const view = ID.test(id) ? await ticketView(deps, id) : undefined;
      return view ? { status: 200, headers: noStore, jsonBody: view } : notFound('ticket');
    },
  });
}
