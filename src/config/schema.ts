import { z } from 'zod';
import { supportedLocaleSchema } from '../domain/locale';
import { graphConfigIssues, graphSettings } from './graph-schema';
import { DEFAULT_SEND_RATES, parseSendRates, type SendRates } from '../domain/pacing/send-rates';
import { WHATSAPP_CONFIG } from './whatsapp-config';

const optionalText = z.string().trim().min(1).optional();

/** Signature algorithms a token may use: asymmetric only (never HS*, never none). */
export const ALLOWED_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const;
export type JwtAlgorithm = (typeof ALLOWED_JWT_ALGORITHMS)[number];
const isAllowedAlgorithm = (alg: string): alg is JwtAlgorithm => (ALLOWED_JWT_ALGORITHMS as readonly string[]).includes(alg);
const DEVHOST_ONLY = 'is "devhost", but the local issuer exists only on the devhost (which replaces it with its own URL at start-up); set your identity provider\'s URL';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const notDevhost = z.string().refine((v) => v !== 'devhost', { error: DEVHOST_ONLY, abort: true });

/** Where links point when not on Azure and PUBLIC_BASE_URL is not set (the devhost's default port). */
const LOCAL_BASE_URL = 'http://127.0.0.1:7071';

/** Every setting the app reads from the environment (app settings on Azure, local.settings.json locally). */
export const configSchema = z.preprocess(
  // An empty value means "not set" (local.settings.example.json lists optional settings empty).
  (env) => Object.fromEntries(Object.entries(env as Record<string, string | undefined>).filter(([, v]) => v !== undefined && v.trim() !== '')),
  z.object({
  AzureWebJobsStorage: z.string({ error: 'is required (the storage account connection string, or UseDevelopmentStorage=true)' }),
  FUNCTIONS_WORKER_RUNTIME: z.literal('node').optional(),
  /** Set by Azure App Service / Functions (the app's name): on Azure the configuration fails closed. */
  WEBSITE_SITE_NAME: optionalText,
  /**
   * Public base URL of this app, used to build links in messages (never the request's Host header).
   * Required on Azure (https); elsewhere it defaults to the local address.
   */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (the literal "devhost" is resolved only by the devhost)' }).optional(),
  ORGANISATION_NAME: z.string().trim().min(1).max(100).default('Contoso'),
  /** CancelMeeting rate limit, per minute: "<failed authentications per client address>/<cancels per meeting>". */
  CANCEL_RATE_LIMIT: z.string().regex(/^[1-9]\d{0,6}\/[1-9]\d{0,6}$/, 'must look like 20/10 (per client address / per meeting, per minute)').default('20/10'),
  /** Deep-link page rate limit (token lookups), per minute: "<per client address>/<per token>". */
  LINK_RATE_LIMIT: z.string().regex(/^[1-9]\d{0,6}\/[1-9]\d{0,6}$/, 'must look like 30/10 (per client address / per token, per minute)').default('30/10'),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (Azure's front end: 1; Front Door
   * or Application Gateway in front of it: 2). The client address is that many entries from the right.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
  /** Language of customer pages that know no meeting (an invalid link), when the browser asks for none we have. */
  DEFAULT_PAGE_LOCALE: supportedLocaleSchema.default('en-US'),
  /** Azure Communication Services connection string (endpoint=…;accesskey=…); absent → outbox. */
  ACS_CONNECTION_STRING: optionalText,
  ACS_EMAIL_SENDER: z.email({ error: 'must be an email address' }).optional(),
  /** The key Power Automate flows and admin tools send in `x-api-key` (Entra ID tokens come later). */
  API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * The shared secret Event Grid sends as `?key=` on the ACS events webhook (POST /api/events/acs).
   * Unset: the webhook refuses every delivery (401), so no one can post forged delivery reports or replies.
   */
  EVENTS_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  ACS_SMS_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +18005550100').optional(),
  ...WHATSAPP_CONFIG,
  /** The ACS number reminder calls come from (E.164, with outbound calling); with ACS_CONNECTION_STRING, voice goes through Call Automation. */
  ACS_VOICE_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +18005550100').optional(),
  /** The Azure AI services endpoint linked to the ACS resource: Call Automation's text to speech needs it. */
  ACS_COGNITIVE_SERVICES_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be the https endpoint of an Azure AI services resource' }).optional(),
  /**
   * Where Call Automation posts a call's callbacks (`?key=<EVENTS_KEY>` is added); unset:
   * `<PUBLIC_BASE_URL>/api/events/calls`.
   */
  ACS_CALLS_CALLBACK_URL: z.url({ protocol: /^https?$/, error: 'must be the https URL of POST /api/events/calls' }).optional(),
  /**
   * Issuer (`iss`) of customer bearer tokens, e.g. https://login.microsoftonline.com/{tenant}/v2.0. The
   * literal `devhost` means the devhost's local issuer. Unset (with JWT_JWKS_URI): no token is accepted.
   */
  JWT_ISSUER: notDevhost.pipe(z.url({ protocol: /^https?$/, error: 'must be the issuer URL (the tokens\' iss claim)' })).optional(),
  /** Audience (`aud`) the tokens must name: this API's application ID URI or client ID. */
  JWT_AUDIENCE: z.string().trim().min(1).default('api://meeting-communications'),
  /** Where the issuer publishes its signing keys; https (http only on loopback), or `devhost`. */
  JWT_JWKS_URI: notDevhost
    .pipe(z.url({ protocol: /^https?$/, error: 'must be the https URL of the issuer\'s JWKS' }))
    .refine((v) => new URL(v).protocol === 'https:' || LOOPBACK.has(new URL(v).hostname), 'must use https (http only for 127.0.0.1, localhost or [::1])')
    .optional(),
  /** Claim carrying the customer's contactId, e.g. `extension_ContactId` for Entra External ID. */
  JWT_CONTACT_CLAIM: z.string().trim().min(1).max(200).default('contactId'),
  /** Comma-separated signature algorithms accepted (only the asymmetric ALLOWED_JWT_ALGORITHMS). */
  JWT_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((v) => [...new Set(v.split(',').map((a) => a.trim()).filter((a) => a !== ''))])
    .pipe(
      z
        .array(z.string())
        .min(1, `must list at least one of ${ALLOWED_JWT_ALGORITHMS.join(', ')}`)
        .refine((algs): algs is JwtAlgorithm[] => algs.every(isAllowedAlgorithm), `may list only ${ALLOWED_JWT_ALGORITHMS.join(', ')} (never HS* or none)`),
    ),
  /** App role letting a caller (a portal acting for a signed-in contact) cancel any contact's meeting. */
  JWT_CANCEL_ROLE: z.string().trim().min(1).default('Meetings.Cancel'),
  /** Longest lifetime a bearer token may claim (exp − iat): `24h`, `90m`, `3600s`, or seconds. Default 24 h. */
  JWT_MAX_LIFETIME: z
    .string()
    .regex(/^\d{1,7}[smhd]?$/, 'must be a duration such as 24h, 90m or 3600s')
    .default('24h')
    .transform((v) => Number(v.replace(/[smhd]$/, '')) * ({ s: 1, m: 60, h: 3600, d: 86_400 }[v.slice(-1)] ?? 1))
    .pipe(z.number().int().min(60, 'must be at least 60 seconds').max(30 * 86_400, 'must be at most 30 days')),
  /** App role of administrators (settings, templates, external cancellations). */
  JWT_ADMIN_ROLE: z.string().trim().min(1).default('Communications.Admin'),
  /**
   * Event Grid's secure webhook delivery: the audience (the Entra app's Application ID URI or client
   * ID) of the bearer token Event Grid sends. Set: POST /api/events/acs requires a valid token for it
   * in addition to EVENTS_KEY. Unset: the key alone.
   */
  EVENTS_AUDIENCE: optionalText,
  /**
   * Accepted `iss` of those tokens, comma-separated: the v2 `https://login.microsoftonline.com/<tenant>/v2.0`
   * and/or the v1 `https://sts.windows.net/<tenant>/` (which one depends on the app's accessTokenAcceptedVersion).
   */
  EVENTS_ISSUER: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((i) => i.trim()).filter((i) => i !== ''))])
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must list issuer URLs (the tokens\' iss claim), comma-separated' })).min(1, 'must list at least one issuer URL'))
    .optional(),
  /** The tenant's signing keys, e.g. https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys (https; http only on loopback). */
  EVENTS_JWKS_URI: z
    .url({ protocol: /^https?$/, error: 'must be the https URL of the issuer\'s JWKS' })
    .refine((v) => new URL(v).protocol === 'https:' || LOOPBACK.has(new URL(v).hostname), 'must use https (http only for 127.0.0.1, localhost or [::1])')
    .optional(),
  /** An app role the Event Grid token must carry (e.g. AzureEventGridSecureWebhookSubscriber); unset: none required. */
  EVENTS_ROLE: optionalText,
  /**
   * Provider rates the pacer keeps to, per sender: `sms=200/min,email=30/min,voice=2`, with per-sender
   * overrides such as `sms:+18005550100=6000/min` (a short code). A channel not listed is not paced.
   * For voice a bare number is concurrent calls per caller number (`voice=2`, `voice:+18005550100=5`),
   * a number with its unit a rate (`voice=10/min`).
   */
  /**
   * The secret deep-link tokens are derived from, per send (see sendLinkToken): a resumed send then
   * repeats its message exactly. Required on Azure; locally, unset means a random token per attempt.
   */
  LINK_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters: a random secret, e.g. from `openssl rand -base64 32`').optional(),
  SEND_RATES: z.string().default(DEFAULT_SEND_RATES).transform((v, ctx): SendRates => {
    const parsed = parseSendRates(v);
    if (parsed.ok) return parsed.value;
    for (const message of parsed.errors) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }),
  ...graphSettings,
  }).superRefine((c, ctx) => {
    graphConfigIssues(c, (variable, message) => ctx.addIssue({ code: 'custom', path: [variable], message }));
    // Half a configuration would refuse every token without saying why; say it at start-up instead.
    if (c.JWT_ISSUER && !c.JWT_JWKS_URI) ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URI'], message: 'is required when JWT_ISSUER is set' });
    if (c.JWT_JWKS_URI && !c.JWT_ISSUER) ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'is required when JWT_JWKS_URI is set' });
    // Event Grid tokens: the audience with where to check them, or none of it.
    if (c.EVENTS_AUDIENCE) {
      if (!c.EVENTS_ISSUER) ctx.addIssue({ code: 'custom', path: ['EVENTS_ISSUER'], message: 'is required when EVENTS_AUDIENCE is set' });
      if (!c.EVENTS_JWKS_URI) ctx.addIssue({ code: 'custom', path: ['EVENTS_JWKS_URI'], message: 'is required when EVENTS_AUDIENCE is set' });
    } else {
      for (const name of ['EVENTS_ISSUER', 'EVENTS_JWKS_URI', 'EVENTS_ROLE'] as const) {
        if (c[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'has no effect without EVENTS_AUDIENCE (set it, or remove this)' });
      }
    }
    // On Azure, links in messages must reach customers: no silent fallback to a local address.
    if (c.WEBSITE_SITE_NAME !== undefined) {
      if (c.LINK_TOKEN_SECRET === undefined) ctx.addIssue({ code: 'custom', path: ['LINK_TOKEN_SECRET'], message: 'is required on Azure: without it a send resumed after a crash carries a different link, and the provider refuses it' });
      if (c.PUBLIC_BASE_URL === undefined) ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required on Azure: the https address customers open the links in messages at' });
      else if (new URL(c.PUBLIC_BASE_URL).protocol !== 'https:' || LOOPBACK.has(new URL(c.PUBLIC_BASE_URL).hostname)) ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'must be a public https URL on Azure' });
    }
  }).transform((c) => ({ ...c, PUBLIC_BASE_URL: c.PUBLIC_BASE_URL ?? LOCAL_BASE_URL })),
);


export type Config = z.infer<typeof configSchema>;
