import { ConfidentialClientApplication, type Configuration, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

/**
 * The app-only scope of Microsoft Graph (the permissions granted to the app registration): the Graph
 * host's own (`https://graph.microsoft.us/.default` in that cloud); a loopback Graph stands for the public one.
 */
export const GRAPH_SCOPE = (graphBaseUrl: string): string => {
  const url = new URL(graphBaseUrl);
  return url.protocol === 'https:' ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default';
};

/** How the app proves itself: a client secret, or a certificate (private key PEM, SHA-256 thumbprint). */
export interface GraphCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly certificate?: { readonly privateKey: string; readonly thumbprintSha256: string; readonly x5c?: string };
  /** `https://login.microsoftonline.com` (or a sovereign cloud's), or an http loopback server in tests. */
  readonly authorityHost: string;
  /** Graph's base URL, for the scope: `https://graph.microsoft.com`. */
  readonly graphBaseUrl: string;
}

/** A token could not be had. `transient`: the authority was unreachable or busy; else a setting is wrong. */
export class GraphAuthError extends Error {
  override readonly name = 'GraphAuthError';
  constructor(readonly transient: boolean, message: string) {
    super(message);
  }
}

/** Authority hosts msal-node knows (instance discovery works for them). */
const MSAL_CLOUDS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.microsoftonline.de']);

/** A made-up https authority standing for an http loopback one (msal-node refuses http authorities). */
const LOOPBACK_AUTHORITY = 'login.loopback.test';

/**
 * Client-credential tokens for Graph from msal-node's ConfidentialClientApplication, one per process:
 * msal keeps the token in its in-memory cache and asks the authority again only near expiry (or when
 * Graph refused the token: `token(true)`). An http loopback authority (tests) is reached through a
 * made-up https authority with its metadata given, and a network client forwarding to the loopback.
 */
export class GraphTokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;

  constructor(credentials: GraphCredentials) {
    this.scope = GRAPH_SCOPE(credentials.graphBaseUrl);
    this.app = new ConfidentialClientApplication(msalConfiguration(credentials));
  }

  /** A valid access token; `refresh` skips the cache (Graph said the cached one is no longer good). */
  async token(refresh = false): Promise<string> {
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope], skipCache: refresh });
      if (!result?.accessToken) throw new GraphAuthError(true, 'Graph token: the authority answered without a token');
      return result.accessToken;
    } catch (error) {
      throw authError(error);
    }
  }
}

function msalConfiguration(c: GraphCredentials): Configuration {
  const credential = c.certificate
    ? { clientCertificate: { privateKey: c.certificate.privateKey, thumbprintSha256: c.certificate.thumbprintSha256, ...(c.certificate.x5c ? { x5c: c.certificate.x5c } : {}) } }
    : { clientSecret: c.clientSecret ?? '' };
  const host = new URL(c.authorityHost);
  if (host.protocol === 'https:') {
    // The public and sovereign clouds are msal's own; another https host must be named as trusted.
    const known = MSAL_CLOUDS.has(host.host) ? {} : { knownAuthorities: [host.host] };
    return { auth: { clientId: c.clientId, authority: `${host.origin}/${c.tenantId}`, ...known, ...credential } };
  }
  const base = `https://${LOOPBACK_AUTHORITY}/${c.tenantId}`;
  const authorityMetadata = JSON.stringify({
    token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`, issuer: `${base}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`,
  });
  return {
    auth: { clientId: c.clientId, authority: base, knownAuthorities: [LOOPBACK_AUTHORITY], authorityMetadata, ...credential },
    system: { networkClient: new LoopbackNetwork(host.origin) },
  };
}

/** msal's network module for an http loopback authority: the made-up https host becomes the loopback. */
class LoopbackNetwork implements INetworkModule {
  constructor(private readonly origin: string) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    const response = await fetch(`${this.origin}${target.pathname}${target.search}`, { method, headers: options?.headers ?? {}, ...(options?.body === undefined ? {} : { body: options.body }) });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: (await response.json()) as T };
  }
}

/** AADSTS codes worth a sentence naming the setting to fix (never the secret itself). */
const KNOWN_AADSTS: ReadonlyArray<[RegExp, string]> = [
  [/AADSTS7000215|AADSTS7000222|invalid_client/, 'the authority refused the client credentials: GRAPH_CLIENT_SECRET is wrong or expired, or the certificate (GRAPH_CERTIFICATE_PATH, GRAPH_CERTIFICATE_THUMBPRINT) is not uploaded to the app registration'],
  [/AADSTS700016|unauthorized_client/, 'no app registration with GRAPH_CLIENT_ID in this tenant (GRAPH_TENANT_ID)'],
  [/AADSTS90002|AADSTS900023/, 'GRAPH_TENANT_ID names no tenant'],
  [/AADSTS70011|invalid_scope/, 'the scope was refused (GRAPH_BASE_URL must be Graph\'s address for this cloud)'],
];

function authError(error: unknown): GraphAuthError {
  if (error instanceof GraphAuthError) return error;
  const e = error as { errorCode?: unknown; errorMessage?: unknown; status?: unknown; message?: unknown };
  const text = `${String(e.errorCode ?? '')} ${String(e.errorMessage ?? e.message ?? '')}`;
  for (const [pattern, sentence] of KNOWN_AADSTS) if (pattern.test(text)) return new GraphAuthError(false, `Graph token: ${sentence}`);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const transient = status === undefined || status === 429 || status >= 500;
  const code = typeof e.errorCode === 'string' && /^[a-z_]{1,64}$/i.test(e.errorCode) ? e.errorCode : 'error';
  return new GraphAuthError(transient, `Graph token: ${transient ? 'the authority is unreachable or busy' : 'refused'} (${code}${status === undefined ? '' : `, HTTP ${status}`})`);
}
