import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { createSubscription, deleteSubscription, listSubscriptions } from '../app/webhooks/subscriptions';
import { parseWith } from '../domain/zod-errors';
import { createSubscriptionSchema } from '../domain/webhooks/subscription-schema';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

/** A subscription body is a URL, a few event names and a description: 8 KiB is plenty. */
export const MAX_SUBSCRIPTION_BYTES = 8 * 1024;
const NO_STORE = { 'cache-control': 'no-store' };

/** The webhook subscription routes (API.md "Webhooks for flows"): admins and flows (API key or admin token). */
export function subscriptionHandlers(env: HandlerEnv) {
  return guardAll({
    /**
     * POST /api/subscriptions — CreateSubscription: 201 with the secret (shown only now) and
     * `Location: <PUBLIC_BASE_URL>/api/subscriptions/{id}`, which Power Automate DELETEs to unsubscribe.
     */
    async create(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      const body = await readJson(req, MAX_SUBSCRIPTION_BYTES);
      if (!body.ok) return body.response;
      const input = parseWith(createSubscriptionSchema, body.value);
      if (!input.ok) return problem(400, 'Invalid subscription', 'One or more fields are invalid; nothing was created.', [...input.errors]);
      const created = await createSubscription(deps, input.value, admin.by);
      if (!created.ok) return problem(400, 'Invalid subscription', 'One or more fields are invalid; nothing was created.', [...created.errors]);
      const location = `${deps.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/api/subscriptions/${encodeURIComponent(created.value.id)}`;
      return { status: 201, headers: { ...NO_STORE, location }, jsonBody: created.value };
    },
    /** GET /api/subscriptions — ListSubscriptions: never a secret, nor a URL's query string (Power Automate's carries a signature). */
    async list(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      return { status: 200, headers: NO_STORE, jsonBody: { subscriptions: await listSubscriptions(deps) } };
    },
    /** DELETE /api/subscriptions/{subscriptionId} — DeleteSubscription: 204, or 404 when there is none. */
    async remove(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      if (await deleteSubscription(deps, req.params.subscriptionId ?? '', admin.by)) return { status: 204 };
      return problem(404, 'Not found', 'There is no subscription with this ID (it may have been deleted already).');
    },
  });
}
