import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { updateSettings } from '../app/update-settings';
import type { StoredSettings } from '../ports/settings-store';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

const document = (stored: StoredSettings): HttpResponseInit => ({
  status: 200,
  headers: { etag: stored.etag, 'cache-control': 'no-store' },
  jsonBody: { ...stored.settings, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A client may PUT back what GET returned: the read-only audit fields are ignored. */
const withoutAudit = ({ updatedAt: _a, updatedBy: _b, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

/** The settings routes (API.md "Settings"), built over the handler environment. */
export function settingsHandlers(env: HandlerEnv) {
  async function change(req: HttpRequest, context: InvocationContext, mode: 'put' | 'patch'): Promise<HttpResponseInit> {
    const deps = env.deps();
    const admin = await requireAdmin(req, deps);
    if (!admin.ok) return admin.response;
    const ifMatch = req.headers.get('if-match');
    if (!ifMatch) return problem(428, 'Precondition required', 'Send If-Match with the ETag from GET /api/settings.');
    const body = await readJson(req, 16 * 1024);
    if (!body.ok) return body.response;
    const input = mode === 'put' && isObject(body.value) ? withoutAudit(body.value) : body.value;
    const outcome = await updateSettings(deps, env.workflow(context), { mode, body: input, ifMatch, by: admin.by });
    if (outcome.kind === 'stale') return problem(412, 'Precondition failed', 'The settings were changed by someone else: GET them again and reapply your change.');
    if (outcome.kind === 'invalid') return problem(400, 'Invalid settings', 'One or more fields are invalid; nothing was changed.', [...outcome.errors]);
    return document(outcome.stored);
  }
  return guardAll({
    /** GET /api/settings — GetSettings, with its ETag. */
    async get(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const admin = await requireAdmin(req, deps);
      if (!admin.ok) return admin.response;
      return document(await deps.settings.get());
    },
    /** PUT /api/settings — UpdateSettings. */
    put: (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => change(req, context, 'put'),
    /** PATCH /api/settings — PatchSettings (JSON merge patch). */
    patch: (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => change(req, context, 'patch'),
  });
}
