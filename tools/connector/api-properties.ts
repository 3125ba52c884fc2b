import { CONNECTOR } from './connector-identity';
import type { SchemaObject } from './to-swagger-schema';

/** Where an OAuth setting or the service URL comes from: fixed values, or the solution's environment variables. */
export interface ConnectionSource {
  /** The Entra ID resource (audience) the token is requested for. */
  readonly resourceUri: string;
  /** The host policy's URL template (`@connectionParameters('hostUrl')` asks each connection); none: the definition's host. */
  readonly urlTemplate?: string;
  /** Whether each connection asks for the service URL (false when the solution's environment variable sets it). */
  readonly askHostUrl: boolean;
}

/** The stand-alone connector: every connection names the function app it calls. */
export const STANDALONE: ConnectionSource = {
  resourceUri: CONNECTOR.audience,
  urlTemplate: '@connectionParameters(\'hostUrl\')/api',
  askHostUrl: true,
};

const hostUrl = {
  type: 'string',
  uiDefinition: {
    displayName: 'Service URL',
    description: 'The address of your Meeting Communications function app, without /api, e.g. https://contoso-meetings.azurewebsites.net',
    tooltip: 'Ask the team that deployed Meeting Communications.',
    constraints: { required: 'true', tabIndex: 1 },
  },
};

function oauthParameters(source: ConnectionSource): SchemaObject {
  return {
    ...(source.askHostUrl ? { hostUrl } : {}),
    token: {
      type: 'oauthSetting',
      oAuthSettings: {
        identityProvider: 'aad',
        clientId: CONNECTOR.clientId,
        scopes: [CONNECTOR.scope],
        redirectMode: 'GlobalPerConnector',
        redirectUrl: 'https://global.consent.azure-apim.net/redirect',
        properties: { IsFirstParty: 'False', AzureActiveDirectoryResourceId: source.resourceUri, IsOnbehalfofLoginSupported: true },
        customParameters: {
          loginUri: { value: 'https://login.microsoftonline.com' },
          tenantId: { value: 'common' },
          resourceUri: { value: source.resourceUri },
          enableOnbehalfOfLogin: { value: 'false' },
        },
      },
      uiDefinition: {
        displayName: 'Sign in with Microsoft Entra ID',
        description: 'Sign in with your work account. Admin operations need the Communications.Admin app role.',
        tooltip: 'Provide your work account credentials.',
        constraints: { required: 'true', tabIndex: 2 },
      },
    },
  };
}

function apiKeyParameters(source: ConnectionSource): SchemaObject {
  return {
    ...(source.askHostUrl ? { hostUrl } : {}),
    api_key: {
      type: 'securestring',
      uiDefinition: {
        displayName: 'API key',
        description: 'The API key of the function app (its API_KEY setting), sent as the x-api-key header.',
        tooltip: 'Ask the team that deployed Meeting Communications.',
        constraints: { required: 'true', clearText: false, tabIndex: 2 },
      },
    },
  };
}

/** The connection parameter sets: Entra ID sign-in, or the API key. */
export function connectionParameterSets(source: ConnectionSource): SchemaObject {
  return {
    uiDefinition: { displayName: 'Authentication type', description: 'How this connection signs in to Meeting Communications.' },
    values: [
      {
        name: 'apiKey',
        uiDefinition: { displayName: 'API key', description: 'For flows: schedule, update, read and cancel meetings (and admin operations).' },
        parameters: apiKeyParameters(source),
      },
      {
        name: 'oauth',
        uiDefinition: { displayName: 'Microsoft Entra ID', description: 'Sign in as a user: admin operations with the Communications.Admin role, portal cancellations.' },
        parameters: oauthParameters(source),
      },
    ],
  };
}

/** The policy that sends each call to the function app the connection names (none when the definition's host is right). */
export function policyTemplateInstances(source: ConnectionSource): SchemaObject[] {
  if (!source.urlTemplate) return [];
  return [
    {
      templateId: 'dynamichosturl',
      title: 'Call the Meeting Communications service',
      parameters: { 'x-ms-apimTemplateParameter.urlTemplate': source.urlTemplate },
    },
  ];
}

/** The connector's apiProperties.json. */
export function buildApiProperties(): SchemaObject {
  return {
    properties: {
      connectionParameterSets: connectionParameterSets(STANDALONE),
      iconBrandColor: CONNECTOR.brandColor,
      capabilities: [],
      policyTemplateInstances: policyTemplateInstances(STANDALONE),
      publisher: CONNECTOR.publisher,
      stackOwner: CONNECTOR.publisher,
    },
  };
}
