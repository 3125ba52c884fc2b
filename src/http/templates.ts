import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { AppDeps } from '../app/deps';
import { resetTemplate, saveTemplate, templateHistory, templateInForce } from '../app/template-admin';
import type { TemplateRef } from '../app/template-input';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { readJson } from './read-json';
import { invalidTemplate, jsonOk, MAX_TEMPLATE_BODY_BYTES, templateRefFromPath } from './template-request';

type Admitted = { ok: true; deps: AppDeps; by: string; ref: TemplateRef } | { ok: false; response: HttpResponseInit };

/** Every template route: an admin (401/403 otherwise), then a known type × channel × locale (404 otherwise). */
async function admit(env: HandlerEnv, req: HttpRequest): Promise<Admitted> {
  const deps = env.deps();
  const admin = await requireAdmin(req, deps);
  if (!admin.ok) return admin;
  const path = templateRefFromPath(req);
  return path.ok ? { ok: true, deps, by: admin.by, ref: path.ref } : path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An admin may PUT back what GET returned: the read-only fields are ignored, any other extra key is an error. */
const withoutReadOnly = ({ source: _s, version: _v, updatedAt: _a, updatedBy: _b, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

/** The template routes (API.md "Templates"), built over the handler environment. */
export function templateHandlers(env: HandlerEnv) {
  return guardAll({
    /**
     * GET /api/templates/{type}/{channel}/{locale} — the template in force: email `{ subject, text, html }`
     * or SMS `{ text }` (Liquid), `source: 'default' | 'custom'`, and for an override `version`,
     * `updatedAt`, `updatedBy`.
     */
    async get(req: HttpRequest): Promise<HttpResponseInit> {
      const admitted = await admit(env, req);
      if (!admitted.ok) return admitted.response;
      return jsonOk(await templateInForce(admitted.deps, admitted.ref));
    },

    /**
     * PUT /api/templates/{type}/{channel}/{locale} — saves an override (a new version) after checking
     * every part: 400 naming the part for an unknown key, a size over its limit, a Liquid syntax error
     * or an unknown merge field (with line and column). Answers the template now in force.
     */
    async put(req: HttpRequest): Promise<HttpResponseInit> {
      const admitted = await admit(env, req);
      if (!admitted.ok) return admitted.response;
      const body = await readJson(req, MAX_TEMPLATE_BODY_BYTES);
      if (!body.ok) return body.response;
      const outcome = await saveTemplate(admitted.deps, admitted.ref, isObject(body.value) ? withoutReadOnly(body.value) : body.value, admitted.by);
      return outcome.kind === 'saved' ? jsonOk(outcome.view) : invalidTemplate(outcome.errors);
    },

    /**
     * DELETE /api/templates/{type}/{channel}/{locale} — back to the shipped default (answered, with
     * `source: 'default'`); the saved versions stay in the history. Already default is fine (200).
     */
    async reset(req: HttpRequest): Promise<HttpResponseInit> {
      const admitted = await admit(env, req);
      if (!admitted.ok) return admitted.response;
      return jsonOk(await resetTemplate(admitted.deps, admitted.ref, admitted.by));
    },

    /** GET /api/templates/{type}/{channel}/{locale}/history — `{ versions }`, the kept versions (at most 10), newest first. */
    async history(req: HttpRequest): Promise<HttpResponseInit> {
      const admitted = await admit(env, req);
      if (!admitted.ok) return admitted.response;
      return jsonOk({ versions: await templateHistory(admitted.deps, admitted.ref) });
    },
  });
}
