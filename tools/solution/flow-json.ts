import { v5 as uuidv5 } from 'uuid';
import type { Json } from '../connector/to-swagger-schema';
import { CONNECTION_REFERENCES, SOLUTION_CONNECTOR, SOLUTION_DIR } from './solution-identity';

/**
 * Building blocks of cloud-flow definitions as `pac solution unpack` writes them
 * (Workflows/<name>-<GUID>.json and its .json.data.xml), for the flows tools/solution generates.
 */

/** The connection names flows use for the two connection references. */
export const CONNECTIONS = { meetings: SOLUTION_CONNECTOR.apiName, dataverse: 'shared_commondataserviceforapps' } as const;
type Connection = (typeof CONNECTIONS)[keyof typeof CONNECTIONS];

const apiId = (connection: Connection): string => `/providers/Microsoft.PowerApps/apis/${connection}`;
const AUTHENTICATION = "@parameters('$authentication')";

/** `runAfter`: the actions this one waits for, and the outcomes it runs on. */
export type RunAfter = Readonly<Record<string, readonly ('Succeeded' | 'Failed' | 'Skipped' | 'TimedOut')[]>>;

/** A connector action (`OpenApiConnection`). */
export function connectorAction(connection: Connection, operationId: string, description: string, parameters: Record<string, Json>, runAfter: RunAfter = {}): Json {
  return {
    type: 'OpenApiConnection', description,
    inputs: { host: { connectionName: connection, operationId, apiId: apiId(connection) }, parameters, authentication: AUTHENTICATION },
    runAfter: runAfter as Json,
  };
}

/** A webhook trigger of the Meeting Communications connector, with trigger conditions (no run when they are false). */
export function meetingsTrigger(operationId: string, description: string, parameters: Record<string, Json>, conditions: readonly string[]): Json {
  return {
    type: 'OpenApiConnectionWebhook', description,
    inputs: { host: { connectionName: CONNECTIONS.meetings, operationId, apiId: apiId(CONNECTIONS.meetings) }, parameters, authentication: AUTHENTICATION },
    ...(conditions.length > 0 ? { conditions: conditions.map((expression) => ({ expression })) } : {}),
  };
}

/** A condition (`If`) with its branches. */
export function condition(description: string, expression: Json, then: Record<string, Json>, otherwise: Record<string, Json> | undefined, runAfter: RunAfter): Json {
  return { type: 'If', description, expression, actions: then, ...(otherwise ? { else: { actions: otherwise } } : {}), runAfter: runAfter as Json };
}

/** Ends the run: Succeeded (nothing to do), or Failed with the code and message given. */
export function terminate(status: 'Succeeded' | 'Failed', error?: { code: string; message: string }): Json {
  return { type: 'Terminate', inputs: { runStatus: status, ...(error ? { runError: error } : {}) }, runAfter: {} };
}

/** The whole definition file, with the connection references the flow's actions name. */
export function flowDefinition(triggers: Record<string, Json>, actions: Record<string, Json>): Json {
  return {
    properties: {
      connectionReferences: {
        [CONNECTIONS.dataverse]: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: CONNECTION_REFERENCES.dataverse }, api: { name: CONNECTIONS.dataverse } },
        [CONNECTIONS.meetings]: {
          runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: CONNECTION_REFERENCES.meetings },
          api: { name: CONNECTIONS.meetings, logicalName: SOLUTION_CONNECTOR.name },
        },
      },
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers,
        actions,
      },
      templateName: null,
    },
    schemaVersion: '1.0.0.0',
  };
}

/** Fixed per flow name, so a re-import updates the flow instead of adding a second one. */
const FLOW_NAMESPACE = '1f6c0a52-7d0b-5c8e-9a41-3b2e6d9f0c17';
export const flowId = (name: string): string => uuidv5(`flow:${name}`, FLOW_NAMESPACE);

/** `Workflows/<name without spaces or symbols>-<GUID>.json`, as pac names flow files. */
export const flowFile = (name: string): string => `Workflows/${name.replace(/[^A-Za-z0-9]/g, '')}-${flowId(name).toUpperCase()}.json`;

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The flow's metadata (`.json.data.xml`), which packing merges into customizations.xml; the flow arrives off. */
export function flowDataXml(name: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Workflow WorkflowId="{${flowId(name)}}" Name="${xml(name)}">`,
    `  <JsonFileName>/${flowFile(name)}</JsonFileName>`,
    ...[
      ['Type', 1], ['Subprocess', 0], ['Category', 5], ['Mode', 0], ['Scope', 4], ['OnDemand', 0], ['TriggerOnCreate', 0], ['TriggerOnDelete', 0],
      ['AsyncAutodelete', 0], ['SyncWorkflowLogOnFailure', 0], ['StateCode', 0], ['StatusCode', 1], ['RunAs', 1], ['IsTransacted', 1],
      ['IntroducedVersion', '1.0.0.0'], ['IsCustomizable', 1], ['BusinessProcessType', 0], ['IsCustomProcessingStepAllowedForOtherPublishers', 1],
      ['ModernFlowType', 0], ['PrimaryEntity', 'none'],
    ].map(([tag, value]) => `  <${tag}>${value}</${tag}>`),
    '  <LocalizedNames>',
    `    <LocalizedName languagecode="1033" description="${xml(name)}" />`,
    '  </LocalizedNames>',
    '</Workflow>',
    '',
  ].join('\n');
}

/** Both files of a flow, by path relative to the repository root. */
export function flowFiles(name: string, definition: Json): Record<string, string> {
  return {
    [`${SOLUTION_DIR}/${flowFile(name)}`]: `${JSON.stringify(definition, null, 2)}\n`,
    [`${SOLUTION_DIR}/${flowFile(name)}.data.xml`]: flowDataXml(name),
  };
}
