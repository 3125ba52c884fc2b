import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SchemaObject } from '../../tools/connector/to-swagger-schema';
import { packSolution, solutionEntries } from '../../tools/solution/pack-solution';
import { WRITE_BACK_FLOWS } from '../../tools/solution/write-back-flows';
import { customizationsErrors, withoutGaps } from './dataverse-xsd';
import { CONNECTION_REFERENCES, ENVIRONMENT_VARIABLES, SOLUTION, SOLUTION_CONNECTOR, SOLUTION_DIR } from '../../tools/solution/solution-identity';

const DIR = path.resolve(__dirname, '../..', SOLUTION_DIR);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['RootComponent', 'connectionreference', 'Workflow', 'Connector'].includes(name) });
const parse = (xml: string): Node => parser.parse(xml) as Node;
const read = (file: string): string => fs.readFileSync(path.join(DIR, file), 'utf8');
const listFiles = (dir: string, prefix = ''): string[] => fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();

const files = listFiles(DIR);
const workflowFiles = files.filter((f) => /^Workflows\/.+\.json$/.test(f));
const variables = files.filter((f) => f.startsWith('environmentvariabledefinitions/')).map((f) => f.split('/')[1] as string);
const manifest = (parse(read('Other/Solution.xml')).ImportExportXml as Node).SolutionManifest as Node;
const rootComponents = (manifest.RootComponents as Node).RootComponent as Node[];
const customizations = parse(read('Other/Customizations.xml')).ImportExportXml as Node;
const connectionReferences = (customizations.connectionreferences as Node).connectionreference as Node[];
const swagger = JSON.parse(read(`Connectors/${SOLUTION_CONNECTOR.name}_openapidefinition.json`)) as SchemaObject;

interface FlowAction { name: string; type: string; inputs?: { host?: { connectionName?: string; operationId?: string; apiId?: string }; parameters?: Record<string, unknown> } }
interface Flow { properties: { connectionReferences: Record<string, { connection: { connectionReferenceLogicalName: string }; api: { name: string } }>; definition: { parameters: Record<string, { metadata?: { schemaName?: string } }>; triggers: Record<string, FlowAction>; actions: Record<string, FlowAction> } } }
const flows = workflowFiles.map((file) => ({ file, flow: JSON.parse(read(file)) as Flow }));

/** Every trigger and action of a flow, nested ones (conditions' branches) included. */
function allActions(flow: Flow): FlowAction[] {
  const walk = (actions: Record<string, unknown> | undefined): FlowAction[] => Object.entries(actions ?? {}).flatMap(([name, a]) => {
    const action = a as FlowAction & { actions?: Record<string, unknown>; else?: { actions?: Record<string, unknown> } };
    return [{ ...action, name }, ...walk(action.actions), ...walk(action.else?.actions)];
  });
  return [...walk(flow.properties.definition.triggers), ...walk(flow.properties.definition.actions)];
}

const operationById = (id: string): SchemaObject | undefined => Object.values(swagger.paths as Record<string, Record<string, SchemaObject>>)
  .flatMap((item) => Object.values(item)).find((op) => op.operationId === id);
const definition = (ref: string): SchemaObject => (swagger.definitions as Record<string, SchemaObject>)[ref.replace('#/definitions/', '')] as SchemaObject;

/**
 * The dotted paths of a schema's properties (`contact/firstName`), and those a caller must give:
 * not the notification URL of a trigger, nor an internal field with a default, which Power
 * Automate fills in itself.
 */
function bodyPaths(schema: SchemaObject, prefix = ''): { all: string[]; required: string[] } {
  const all: string[] = [];
  const required: string[] = [];
  for (const [name, p] of Object.entries((schema.properties ?? {}) as Record<string, SchemaObject>)) {
    const here = `${prefix}${name}`;
    const platformFilled = p['x-ms-notification-url'] === true || (p['x-ms-visibility'] === 'internal' && p.default !== undefined);
    const isRequired = ((schema.required ?? []) as string[]).includes(name) && !platformFilled;
    all.push(here);
    if (p.type !== 'object') {
      if (isRequired) required.push(here);
      continue;
    }
    const inner = bodyPaths(p, `${here}/`);
    all.push(...inner.all);
    if (isRequired) required.push(...inner.required);
  }
  return { all, required };
}

describe('solution/ source (pac solution unpack layout)', () => {
  test.each(files.filter((f) => f.endsWith('.xml')))('%s is well-formed XML', (file) => {
    expect(XMLValidator.validate(read(file))).toBe(true);
  });

  test('Solution.xml: unmanaged MeetingCommunications 1.0.0.0 by the mc publisher', () => {
    expect(manifest).toMatchObject({ UniqueName: SOLUTION.uniqueName, Version: SOLUTION.version, Managed: 0 });
    expect((manifest.Publisher as Node).CustomizationPrefix).toBe(SOLUTION.publisherPrefix);
  });

  test('each flow: Workflows/<name>-<GUID>.json, its .json.data.xml with the same GUID, and a RootComponent', () => {
    const ids = workflowFiles.map((file) => {
      const guid = /-([0-9A-F-]{36})\.json$/.exec(file)?.[1]?.toLowerCase() ?? '';
      const workflow = (parse(read(`${file}.data.xml`)).Workflow as Node[])[0] as Node;
      expect({ file, id: workflow['@WorkflowId'], json: workflow.JsonFileName }).toEqual({ file, id: `{${guid}}`, json: `/${file}` });
      return guid;
    });
    expect(ids).toHaveLength(3 + Object.keys(WRITE_BACK_FLOWS).length);
    const workflowRoots = rootComponents.filter((c) => c['@type'] === '29').map((c) => c['@id']);
    expect(workflowRoots.sort()).toEqual(ids.map((id) => `{${id}}`).sort());
  });

  test('GUIDs are well-formed and unique; the connector\'s is the one tools/solution declares', () => {
    const ids = rootComponents.filter((c) => c['@id'] !== undefined).map((c) => String(c['@id']).replace(/[{}]/g, ''));
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rootComponents).toContainEqual({ '@type': '372', '@id': `{${SOLUTION_CONNECTOR.id}}`, '@schemaName': SOLUTION_CONNECTOR.name, '@behavior': '0' });
    const connector = (parse(read(`Connectors/${SOLUTION_CONNECTOR.name}.xml`)).Connector as Node[])[0] as Node;
    expect(connector).toMatchObject({ connectorid: SOLUTION_CONNECTOR.id, name: SOLUTION_CONNECTOR.name });
  });

  test('environment variables: each declared one is a RootComponent, and each is used by a flow or the connector', () => {
    expect(variables.sort()).toEqual(Object.values(ENVIRONMENT_VARIABLES).sort());
    expect(rootComponents.filter((c) => c['@type'] === '380').map((c) => c['@schemaName']).sort()).toEqual([...variables].sort());
    const connectorText = files.filter((f) => f.startsWith('Connectors/') && f.endsWith('.json')).map(read).join('\n');
    const usedByConnector = [...connectorText.matchAll(/@environmentVariables\(\\?"([^"\\]+)\\?"\)/g)].map((m) => m[1] as string);
    const usedByFlows = flows.flatMap(({ flow }) => Object.values(flow.properties.definition.parameters).map((p) => p.metadata?.schemaName).filter((s): s is string => s !== undefined));
    for (const name of [...usedByConnector, ...usedByFlows]) expect(variables).toContain(name);
    for (const name of variables) expect([...usedByConnector, ...usedByFlows]).toContain(name);
  });

  test('connection references: the custom connector\'s points at the packaged connector', () => {
    const byName = Object.fromEntries(connectionReferences.map((r) => [r['@connectionreferencelogicalname'], r]));
    expect(Object.keys(byName).sort()).toEqual(Object.values(CONNECTION_REFERENCES).sort());
    expect(byName[CONNECTION_REFERENCES.meetings]).toMatchObject({
      connectorid: `/providers/Microsoft.PowerApps/apis/${SOLUTION_CONNECTOR.apiName}`,
      customconnectorid: { connectorid: SOLUTION_CONNECTOR.id },
    });
    expect(byName[CONNECTION_REFERENCES.dataverse]).toMatchObject({ connectorid: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' });
  });
});

describe.each(flows.map(({ file, flow }) => [file.replace(/^Workflows\/|-[0-9A-F-]{36}\.json$/g, ''), flow] as const))('flow %s', (_name, flow) => {
  const actions = allActions(flow);
  const connectors = actions.filter((a) => a.type.startsWith('OpenApiConnection'));

  test('every connector action uses a declared connection reference', () => {
    const declared = connectionReferences.map((r) => r['@connectionreferencelogicalname']);
    for (const action of connectors) {
      const reference = flow.properties.connectionReferences[action.inputs?.host?.connectionName ?? ''];
      expect({ action: action.name, reference: reference?.connection.connectionReferenceLogicalName }).toEqual({ action: action.name, reference: expect.stringMatching(/./) });
      expect(declared).toContain(reference?.connection.connectionReferenceLogicalName);
      expect(action.inputs?.host?.apiId).toBe(`/providers/Microsoft.PowerApps/apis/${reference?.api.name}`);
    }
  });

  test('Meeting Communications actions: the operation exists, every parameter is one it takes, every required field is given', () => {
    const calls = connectors.filter((a) => a.inputs?.host?.connectionName === SOLUTION_CONNECTOR.apiName);
    expect(calls.length).toBeGreaterThan(0);
    for (const action of calls) {
      const op = operationById(action.inputs?.host?.operationId ?? '');
      expect({ action: action.name, operation: op?.operationId }).toEqual({ action: action.name, operation: action.inputs?.host?.operationId });
      const params = (op?.parameters ?? []) as SchemaObject[];
      const bodyParam = params.find((p) => p.in === 'body');
      const bodySchema = bodyParam?.schema as SchemaObject | undefined;
      const body = bodySchema ? bodyPaths(typeof bodySchema.$ref === 'string' ? definition(bodySchema.$ref) : bodySchema) : { all: [], required: [] };
      const allowed = [...params.filter((p) => p.in !== 'body').map((p) => String(p.name)), ...body.all.map((p) => `body/${p}`)];
      const given = Object.keys(action.inputs?.parameters ?? {});
      expect({ action: action.name, unknown: given.filter((g) => !allowed.includes(g)) }).toEqual({ action: action.name, unknown: [] });
      const required = [...params.filter((p) => p.in !== 'body' && p.required).map((p) => String(p.name)), ...body.required.map((p) => `body/${p}`)];
      expect({ action: action.name, missing: required.filter((r) => !given.includes(r)) }).toEqual({ action: action.name, missing: [] });
    }
  });

  test('triggered by appointments (Dataverse) or by a Meeting Communications trigger; Dataverse operations the connector has', () => {
    const dataverse = connectors.filter((a) => a.inputs?.host?.connectionName === 'shared_commondataserviceforapps');
    for (const action of dataverse) expect(['SubscribeWebhookTrigger', 'ListRecords', 'GetItem', 'UpdateRecord', 'CreateRecord']).toContain(action.inputs?.host?.operationId);
    const [trigger] = Object.values(flow.properties.definition.triggers);
    if (trigger?.inputs?.host?.connectionName === SOLUTION_CONNECTOR.apiName) {
      expect(operationById(trigger.inputs.host.operationId ?? '')?.['x-ms-trigger']).toBe('single');
    } else {
      expect(trigger?.inputs?.parameters).toMatchObject({ 'subscriptionRequest/entityname': 'appointment' });
    }
  });

  test('every parameters(\'…\') an expression reads is declared, and each environment variable parameter names one', () => {
    const declared = Object.keys(flow.properties.definition.parameters);
    const used = [...JSON.stringify(flow).matchAll(/parameters\('([^']+)'\)/g)].map((m) => m[1] as string);
    for (const name of used) expect(declared).toContain(name);
    for (const [name, p] of Object.entries(flow.properties.definition.parameters)) {
      if (p.metadata?.schemaName) expect(name).toContain(`(${p.metadata.schemaName})`);
    }
  });
});

describe('dist/MeetingCommunications.zip (npm run solution:pack)', () => {
  const zip = unzipSync(packSolution(DIR));
  const names = Object.keys(zip);
  const text = (name: string): string => Buffer.from(zip[name] as Uint8Array).toString('utf8');

  test('holds exactly what Dataverse imports: root manifests, flows, connector parts, environment variables', () => {
    const flowsInZip = workflowFiles;
    const connectorParts = ['connectionparameters.json', 'connectionparametersets.json', 'iconblob.Png', 'openapidefinition.json', 'policytemplateinstances.json']
      .map((part) => `Connector/${SOLUTION_CONNECTOR.name}_${part}`);
    const variableFiles = variables.map((v) => `environmentvariabledefinitions/${v}/environmentvariabledefinition.xml`);
    expect(names).toEqual(['customizations.xml', 'solution.xml', ...flowsInZip, ...connectorParts, ...variableFiles, '[Content_Types].xml']);
  });

  test.each(['customizations.xml', 'solution.xml', '[Content_Types].xml'])('%s is well-formed XML', (name) => {
    expect(XMLValidator.validate(text(name))).toBe(true);
  });

  test('customizations.xml (flows and connector merged in) validates against Microsoft\'s customization XSDs, less the known gaps', async () => {
    expect(await customizationsErrors(text('customizations.xml'))).toEqual([]);
    // The gaps set aside are exactly the ones the README lists and this solution has: nothing else is skipped.
    expect(withoutGaps(text('customizations.xml')).removed).toEqual({
      'ImportExportXml/@OrganizationVersion, @OrganizationSchemaType, @CRMServerServiceabilityVersion': 3,
      'ImportExportXml/Connectors': 1,
      'ImportExportXml/connectionreferences': 1,
      'Workflow/JsonFileName, IsCustomProcessingStepAllowedForOtherPublishers, ModernFlowType': 3 * workflowFiles.length,
    });
  });

  test('the XSD check catches what Dataverse would refuse (an unknown column type, an element out of place)', async () => {
    const xml = text('customizations.xml');
    const bad = xml.replace('<Type>bit</Type>', '<Type>boolean</Type>').replace('<Category>5</Category>', '<Category>5</Category><Colour>red</Colour>');
    const errors = await customizationsErrors(bad);
    expect(errors.some((e) => /'boolean' is not an element of the set/.test(e))).toBe(true);
    expect(errors.some((e) => /Colour/.test(e))).toBe(true);
  });

  test('customizations.xml lists each flow (same GUID as its file) and the connector (each part it names is in the zip)', () => {
    const root = parse(text('customizations.xml')).ImportExportXml as Node;
    const workflows = (root.Workflows as Node).Workflow as Node[];
    expect(workflows.map((w) => String(w.JsonFileName).slice(1)).sort()).toEqual(names.filter((n) => n.startsWith('Workflows/')).sort());
    for (const w of workflows) expect(String(w.JsonFileName).toLowerCase()).toContain(String(w['@WorkflowId']).replace(/[{}]/g, ''));
    const [connector] = (root.Connectors as Node).Connector as Node[];
    for (const part of ['openapidefinition', 'connectionparameters', 'connectionparametersets', 'policytemplateinstances', 'iconblob']) {
      expect(names).toContain(String((connector as Node)[part]).slice(1));
    }
    expect((root.connectionreferences as Node).connectionreference).toHaveLength(2);
  });

  test('packing is deterministic: the same bytes twice, every entry dated 2000-01-01 12:00 whatever the time zone', () => {
    const bytes = Buffer.from(packSolution(DIR));
    expect(Buffer.from(packSolution(DIR)).equals(bytes)).toBe(true);
    // Local file headers: signature, version, flags, method, then DOS time and date (fixed, not "now").
    const stamps: string[] = [];
    for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50; at += 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28) + bytes.readUInt32LE(at + 18)) {
      stamps.push(`${bytes.readUInt16LE(at + 12).toString(16)}/${bytes.readUInt16LE(at + 10).toString(16)}`);
    }
    expect(stamps).toEqual(names.map(() => '2821/6000'));
  });

  test('an unknown file in the source is refused, not silently left out', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-solution-'));
    try {
      fs.cpSync(DIR, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, 'Workflows', 'stray.txt'), 'x');
      expect(() => solutionEntries(copy)).toThrow(/stray\.txt/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
