import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { normalisePhone } from '../domain';
import { parseWith } from '../domain/zod-errors';
import { optOutView, recordAdminOptOut } from '../app/opt-outs';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

/** PUT /api/optouts/{phone}: strict, so a typo (`optedout`) is a 400 and not a silent no-op. */
export const optOutUpdateSchema = z.strictObject({ sms: z.strictObject({ optedOut: z.boolean() }) });

const ok = (body: unknown): HttpResponseInit => ({ status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: body });

/** The path's number as E.164, or the 400 naming `phone` (the value is never echoed: it is personal data). */
function pathPhone(req: HttpRequest): { ok: true; phone: string } | { ok: false; response: HttpResponseInit } {
  const phone = normalisePhone(req.params.phone ?? '', 'phone');
  if (phone.ok) return { ok: true, phone: phone.value };
  return { ok: false, response: problem(400, 'Invalid phone number', 'The path must end with a URL-encoded E.164 number (%2B14255550123).', [...phone.errors]) };
}

/** The opt-out routes (API.md "Two-way messages: replies, opt-outs"), for admins and flows. */
export function optOutHandlers(env: HandlerEnv) {
  return guardAll({
    /** GET /api/optouts/{phone} — GetOptOut. */
    async get(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      const phone = pathPhone(req);
      if (!phone.ok) return phone.response;
      return ok(await optOutView(deps, phone.phone));
    },
    /** PUT /api/optouts/{phone} — UpdateOptOut: records an opt-out a customer asked for by phone. */
    async put(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      const phone = pathPhone(req);
      if (!phone.ok) return phone.response;
      const body = await readJson(req, 1024);
      if (!body.ok) return body.response;
      const input = parseWith(optOutUpdateSchema, body.value);
      if (!input.ok) return problem(400, 'Invalid opt-out', 'One or more fields are invalid; nothing was changed.', [...input.errors]);
      if (!input.value.sms.optedOut) {
        // Consent to texts again must come from the customer's own number (START), not from an admin.
        return problem(409, 'Opt-in refused', 'Only the customer can opt back in, by replying START from their phone; nothing was changed.', [{ path: 'sms.optedOut', message: 'cannot be set to false by an admin' }]);
      }
      return ok(await recordAdminOptOut(deps, env.workflow(context), phone.phone, admin.by));
    },
  });
}
