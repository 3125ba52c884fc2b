import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** https, or http for a loopback host only (tests against loopback servers). */
const hostUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be the ${what} URL, e.g. https://…` })
    .refine((v) => new URL(v).protocol === 'https:' || LOOPBACK.has(new URL(v).hostname), 'must use https (http only for 127.0.0.1, localhost or [::1])')
    .transform((v) => v.replace(/\/+$/, ''));

/** A lobby scope Graph's `lobbyBypassSettings.scope` takes. */
export const LOBBY_SCOPES = ['everyone', 'organization', 'organizationAndFederated', 'organizationExcludingGuests', 'invited', 'organizer'] as const;

/**
 * Microsoft Graph settings (Teams meetings, Outlook email), spread into the app's config schema.
 * Credentials: the app registration's tenant and client ID with a client secret, or a certificate
 * (PEM file with the private key, and the SHA-256 thumbprint). Authority and Graph hosts are
 * overridable for sovereign clouds and loopback tests.
 */
export const graphSettings = {
  /** `acs` (default when ACS is configured) or `graph` (Outlook, through Graph sendMail). */
  EMAIL_PROVIDER: z.enum(['acs', 'graph'], { error: 'must be acs or graph' }).optional(),
  GRAPH_TENANT_ID: z.string().trim().regex(/^[A-Za-z0-9.-]{1,100}$/, 'must be the tenant ID (a GUID) or its domain').optional(),
  GRAPH_CLIENT_ID: z.string().trim().regex(GUID, 'must be the app registration\'s client ID (a GUID)').optional(),
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CERTIFICATE_PATH: optionalText,
  GRAPH_CERTIFICATE_THUMBPRINT: z.string().trim().regex(/^[0-9A-Fa-f]{64}$/, 'must be the certificate\'s SHA-256 thumbprint (64 hex digits)').optional(),
  /** Who organizes Teams meetings when the advisor's mailbox is not one of ours: a user's object ID or UPN. */
  GRAPH_ORGANIZER: optionalText,
  /** Mail domains of the tenant: an advisor with an address there organizes their own meetings. */
  GRAPH_ORGANIZER_DOMAINS: z.string().transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter((d) => d !== ''))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must list mail domains, comma-separated (contoso.com,contoso.es)'))).optional(),
  /** The mailbox mail is sent from with EMAIL_PROVIDER=graph (e.g. a shared mailbox). */
  GRAPH_MAIL_SENDER: z.email({ error: 'must be the sending mailbox\'s address' }).optional(),
  GRAPH_SAVE_TO_SENT_ITEMS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
  /** Sovereign clouds (https://login.microsoftonline.us) and loopback tests; default the public cloud. */
  GRAPH_AUTHORITY_HOST: hostUrl('token authority').default('https://login.microsoftonline.com'),
  GRAPH_BASE_URL: hostUrl('Graph').default('https://graph.microsoft.com'),
  /** How long a confirmation of a Teams meeting waits for its join link: 300s, 5m, 1h. */
  TEAMS_LINK_WAIT: z.string().regex(/^\d{1,6}[smh]$/, 'must be a duration such as 5m, 300s or 1h').default('5m')
    .transform((v) => Number(v.slice(0, -1)) * ({ s: 1_000, m: 60_000, h: 3_600_000 }[v.slice(-1)] ?? 1_000))
    .pipe(z.number().int().max(24 * 3_600_000, 'must be at most 24h')),
  /** Who skips the Teams lobby (`lobbyBypassSettings.scope`): `everyone` lets the customer straight in. */
  TEAMS_LOBBY_BYPASS: z.enum(LOBBY_SCOPES, { error: `must be one of ${LOBBY_SCOPES.join(', ')}` }).default('everyone'),
};

interface GraphValues {
  EMAIL_PROVIDER?: 'acs' | 'graph' | undefined;
  GRAPH_TENANT_ID?: string | undefined;
  GRAPH_CLIENT_ID?: string | undefined;
  GRAPH_CLIENT_SECRET?: string | undefined;
  GRAPH_CERTIFICATE_PATH?: string | undefined;
  GRAPH_CERTIFICATE_THUMBPRINT?: string | undefined;
  GRAPH_MAIL_SENDER?: string | undefined;
}

/** The credentials' settings that are still unset (empty when Graph can get tokens). */
export function graphCredentialsMissing(c: GraphValues): string[] {
  const missing: string[] = [];
  if (!c.GRAPH_TENANT_ID) missing.push('GRAPH_TENANT_ID');
  if (!c.GRAPH_CLIENT_ID) missing.push('GRAPH_CLIENT_ID');
  if (!c.GRAPH_CLIENT_SECRET && !c.GRAPH_CERTIFICATE_PATH) missing.push('GRAPH_CLIENT_SECRET');
  return missing;
}

/** Half a Graph configuration is an error naming what is missing (checked at start-up, never by value). */
export function graphConfigIssues(c: GraphValues, issue: (variable: string, message: string) => void): void {
  if (c.GRAPH_CERTIFICATE_PATH && !c.GRAPH_CERTIFICATE_THUMBPRINT) issue('GRAPH_CERTIFICATE_THUMBPRINT', 'is required with GRAPH_CERTIFICATE_PATH');
  if (c.GRAPH_CERTIFICATE_THUMBPRINT && !c.GRAPH_CERTIFICATE_PATH) issue('GRAPH_CERTIFICATE_PATH', 'is required with GRAPH_CERTIFICATE_THUMBPRINT');
  if (c.GRAPH_CLIENT_SECRET && c.GRAPH_CERTIFICATE_PATH) issue('GRAPH_CLIENT_SECRET', 'set either a client secret or a certificate (GRAPH_CERTIFICATE_PATH), not both');
  const anyGraph = c.GRAPH_TENANT_ID || c.GRAPH_CLIENT_ID || c.GRAPH_CLIENT_SECRET || c.GRAPH_CERTIFICATE_PATH;
  if (anyGraph || c.EMAIL_PROVIDER === 'graph') {
    for (const name of graphCredentialsMissing(c)) issue(name, c.EMAIL_PROVIDER === 'graph' && !anyGraph ? 'is required with EMAIL_PROVIDER=graph' : 'is required with the other GRAPH_ settings');
  }
  if (c.EMAIL_PROVIDER === 'graph' && !c.GRAPH_MAIL_SENDER) issue('GRAPH_MAIL_SENDER', 'is required with EMAIL_PROVIDER=graph (the mailbox mail is sent from)');
}
