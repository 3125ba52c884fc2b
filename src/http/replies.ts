import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';

/** How many replies one listing returns at most (the newest). */
export const REPLY_LIST_LIMIT = 200;

/** The staff's view of customers' replies (API.md "Two-way messages": `GET /api/replies?unmatched=true`). */
export function replyHandlers(env: HandlerEnv) {
  return guardAll({
    /**
     * GET /api/replies?unmatched=true — ListReplies: the replies no prompt or keyword answered, newest
     * first (at most 200), for staff to read and act on. They carry the customer's number and text:
     * admins only, never cached.
     */
    async list(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      const unmatched = req.query.get('unmatched');
      if (unmatched !== null && unmatched !== 'true') {
        return problem(400, 'Invalid query', 'Only unmatched replies are listed here; a reply that answered a meeting is on that meeting (GET /api/meetings/{id}).', [{ path: 'unmatched', message: 'must be true (or left out)' }]);
      }
      const replies = await deps.replies.listUnmatched(REPLY_LIST_LIMIT);
      return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: { replies } };
    },
  });
}
