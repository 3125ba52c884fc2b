import { connectionParameterSets, policyTemplateInstances, type ConnectionSource } from '../connector/api-properties';
import { CONNECTOR } from '../connector/connector-identity';
import type { SchemaObject } from '../connector/to-swagger-schema';
import { ENVIRONMENT_VARIABLES, SOLUTION_CONNECTOR, SOLUTION_DIR } from './solution-identity';

/** `@environmentVariables("name")`: a solution-aware connector reads the value of the importing environment. */
export const environmentVariable = (schemaName: string): string => `@environmentVariables("${schemaName}")`;

/**
 * The connector inside the solution: the host and the Entra ID audience come from the solution's
 * environment variables, set once per environment at import, so connections only sign in.
 */
export const SOLUTION_SOURCE: ConnectionSource = {
  resourceUri: environmentVariable(ENVIRONMENT_VARIABLES.audience),
  askHostUrl: false,
};

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The swagger with the environment's host (no policy needed: the definition itself names it). */
export function solutionOpenApiDefinition(swagger: SchemaObject): SchemaObject {
  return { ...swagger, host: environmentVariable(ENVIRONMENT_VARIABLES.serviceHost) };
}

/** The `<Connector>` element (solution/Connectors/<name>.xml), which packing merges into customizations.xml. */
export function connectorXml(): string {
  const file = (suffix: string): string => `/Connector/${SOLUTION_CONNECTOR.name}_${suffix}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Connector>',
    `  <connectorid>${SOLUTION_CONNECTOR.id}</connectorid>`,
    `  <description>${xml(CONNECTOR.description)}</description>`,
    `  <displayname>${xml(CONNECTOR.title)}</displayname>`,
    `  <iconbrandcolor>${CONNECTOR.brandColor}</iconbrandcolor>`,
    `  <name>${SOLUTION_CONNECTOR.name}</name>`,
    '  <connectortype>1</connectortype>',
    `  <openapidefinition>${file('openapidefinition.json')}</openapidefinition>`,
    `  <connectionparameters>${file('connectionparameters.json')}</connectionparameters>`,
    `  <connectionparametersets>${file('connectionparametersets.json')}</connectionparametersets>`,
    `  <policytemplateinstances>${file('policytemplateinstances.json')}</policytemplateinstances>`,
    `  <iconblob>${file('iconblob.Png')}</iconblob>`,
    '</Connector>',
    '',
  ].join('\n');
}

/** The files of solution/Connectors/, as `pac solution unpack` lays a connector out, by name. */
export function solutionConnectorFiles(swagger: SchemaObject, icon: Buffer): Record<string, string | Buffer> {
  const dir = `${SOLUTION_DIR}/Connectors/${SOLUTION_CONNECTOR.name}`;
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  return {
    [`${dir}.xml`]: connectorXml(),
    [`${dir}_openapidefinition.json`]: json(solutionOpenApiDefinition(swagger)),
    [`${dir}_connectionparameters.json`]: json({}),
    [`${dir}_connectionparametersets.json`]: json(connectionParameterSets(SOLUTION_SOURCE)),
    [`${dir}_policytemplateinstances.json`]: json(policyTemplateInstances(SOLUTION_SOURCE)),
    [`${dir}_iconblob.Png`]: icon,
  };
}
