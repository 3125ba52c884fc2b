import { readFileSync } from 'node:fs';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../../config';
import { graphCredentialsMissing } from '../../config/graph-schema';
import { GraphTokenProvider, type GraphCredentials } from './graph-auth';
import { graphClient } from './graph-client';

/** One token provider and client per process and configuration: msal's cache lives in it. */
export interface GraphConnection {
  readonly tokens: GraphTokenProvider;
  readonly client: Client;
}

const connections = new WeakMap<Config, GraphConnection>();

/** Whether Graph credentials are set (what /api/health reports as `graph.configured`). */
export const graphConfigured = (config: Config): boolean => graphCredentialsMissing(config).length === 0;

/**
 * The process's Graph connection for `config`, built on first use. A certificate is read from
 * GRAPH_CERTIFICATE_PATH: a PEM file with the private key (PKCS#8) and the certificate, as Key Vault
 * exports it; the certificate chain goes along as `x5c` (subject name / issuer authentication).
 */
export function graphConnection(config: Config): GraphConnection {
  const known = connections.get(config);
  if (known) return known;
  const credentials: GraphCredentials = {
    tenantId: config.GRAPH_TENANT_ID as string,
    clientId: config.GRAPH_CLIENT_ID as string,
    authorityHost: config.GRAPH_AUTHORITY_HOST,
    graphBaseUrl: config.GRAPH_BASE_URL,
    ...(config.GRAPH_CERTIFICATE_PATH ? { certificate: readCertificate(config.GRAPH_CERTIFICATE_PATH, config.GRAPH_CERTIFICATE_THUMBPRINT as string) } : { clientSecret: config.GRAPH_CLIENT_SECRET as string }),
  };
  const tokens = new GraphTokenProvider(credentials);
  const connection = { tokens, client: graphClient(config.GRAPH_BASE_URL, tokens) };
  connections.set(config, connection);
  return connection;
}

function readCertificate(path: string, thumbprintSha256: string): NonNullable<GraphCredentials['certificate']> {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new Error('GRAPH_CERTIFICATE_PATH: the file cannot be read');
  }
  const privateKey = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!privateKey) throw new Error('GRAPH_CERTIFICATE_PATH: the file holds no PEM private key');
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  return { privateKey, thumbprintSha256: thumbprintSha256.toLowerCase(), ...(certificates ? { x5c: certificates.join('\n') } : {}) };
}
