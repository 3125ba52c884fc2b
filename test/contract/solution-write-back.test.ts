import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { EVENT_DATA_SCHEMAS } from '../../src/domain/events/domain-event';
import type { SchemaObject } from '../../tools/connector/to-swagger-schema';
import { TRIGGERS } from '../../tools/connector/triggers';
import { flowFile } from '../../tools/solution/flow-json';
import { SOLUTION_CONNECTOR, SOLUTION_DIR } from '../../tools/solution/solution-identity';
import { APPOINTMENT_COLUMNS, ATTENDANCE_OPTIONS, CUSTOMER_CANCELLATIONS, WRITE_BACK_FLOWS } from '../../tools/solution/write-back-flows';

const DIR = path.resolve(__dirname, '../..', SOLUTION_DIR);
const read = (file: string): string => fs.readFileSync(path.join(DIR, file), 'utf8');
const swagger = JSON.parse(read(`Connectors/${SOLUTION_CONNECTOR.name}_openapidefinition.json`)) as SchemaObject;

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['Entity', 'attribute', 'option'].includes(name) });
const entities = ((parser.parse(read('Other/Customizations.xml')) as Node).ImportExportXml as Node).Entities as Node;
const appointment = (entities.Entity as Node[]).find((e) => (e.Name as Node)['#text'] === 'Appointment') as Node;
const attributes = (((appointment.EntityInfo as Node).entity as Node).attributes as Node).attribute as Node[];
/** The columns this solution adds to appointment, with their choice values. */
const customColumns = new Map(attributes.map((a) => [String(a.LogicalName), ((a.optionset as Node).options as Node).option as Node[]]));
/** Appointment columns every Dataverse environment has that the flows read or write. */
const STANDARD_COLUMNS = ['activityid', 'statecode', 'statuscode'];

interface Action { type: string; inputs?: { host?: { connectionName?: string; operationId?: string }; parameters?: Record<string, unknown> }; conditions?: { expression: string }[]; actions?: Record<string, Action>; else?: { actions?: Record<string, Action> }; runAfter?: Record<string, string[]> }
interface Flow { properties: { definition: { triggers: Record<string, Action>; actions: Record<string, Action> } } }
const walk = (actions: Record<string, Action> | undefined): Array<Action & { name: string }> => Object.entries(actions ?? {})
  .flatMap(([name, a]) => [{ ...a, name }, ...walk(a.actions), ...walk(a.else?.actions)]);

const flows = Object.keys(WRITE_BACK_FLOWS).map((name) => [name, JSON.parse(read(flowFile(name))) as Flow] as const);
const operation = (id: string): SchemaObject | undefined => Object.values(swagger.paths as Record<string, Record<string, SchemaObject>>)
  .flatMap((item) => Object.values(item)).find((op) => op.operationId === id);

describe.each(flows)('write-back flow %s', (_name, flow) => {
  const [trigger] = Object.values(flow.properties.definition.triggers) as [Action];
  const family = TRIGGERS.find((t) => t.operationId === trigger.inputs?.host?.operationId)?.family;
  const actions = walk(flow.properties.definition.actions);
  const dataverse = actions.filter((a) => a.inputs?.host?.connectionName === 'shared_commondataserviceforapps');

  test('starts on a trigger of the connector the solution packages, subscribing to events that trigger offers', () => {
    expect(family).toBeDefined();
    const op = operation(trigger.inputs?.host?.operationId ?? '') as SchemaObject;
    expect(op['x-ms-trigger']).toBe('single');
    const body = (op.parameters as SchemaObject[]).find((p) => p.in === 'body')?.schema as SchemaObject;
    const offered = (((body.properties as Record<string, SchemaObject>).events as SchemaObject).items as SchemaObject).enum as string[];
    const events = trigger.inputs?.parameters?.['body/events'] as string[];
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(offered).toContain(event);
  });

  test('reads only data fields the event family has (src/domain/events EVENT_DATA_SCHEMAS)', () => {
    const fields = [...JSON.stringify(flow).matchAll(/triggerBody\(\)\?\['data'\]\?\['([^']+)'\]/g)].map((m) => m[1] as string);
    expect(fields.length).toBeGreaterThan(0);
    const known = Object.keys(EVENT_DATA_SCHEMAS[family ?? 'meeting'].shape);
    expect(fields.filter((f) => !known.includes(f))).toEqual([]);
  });

  test('reads the appointment by the meeting ID first, and writes only after that succeeded (so it never creates one)', () => {
    const get = dataverse.find((a) => a.inputs?.host?.operationId === 'GetItem');
    expect(get?.inputs?.parameters).toMatchObject({ entityName: 'appointments', recordId: "@triggerBody()?['data']?['meetingId']" });
    const top = flow.properties.definition.actions;
    const writers = Object.entries(top).filter(([name]) => name !== 'Get_the_appointment' && name !== 'Not_an_appointment_here');
    expect(writers.length).toBe(1);
    for (const [, a] of writers) expect(a.runAfter).toEqual({ Get_the_appointment: ['Succeeded'] });
    expect(top.Not_an_appointment_here?.runAfter).toEqual({ Get_the_appointment: ['Failed'] });
  });

  test('Dataverse actions on appointments name columns that exist (standard ones, or added by Customizations.xml) and choice values the column has', () => {
    for (const action of dataverse.filter((a) => a.inputs?.parameters?.entityName === 'appointments')) {
      const params = action.inputs?.parameters ?? {};
      const columns = [...Object.keys(params).filter((k) => k.startsWith('item/')).map((k) => k.slice(5)), ...String(params.$select ?? '').split(',').filter(Boolean)];
      for (const column of columns) expect({ action: action.name, column, exists: STANDARD_COLUMNS.includes(column) || customColumns.has(column) }).toEqual({ action: action.name, column, exists: true });
      const attendance = params[`item/${APPOINTMENT_COLUMNS.attendance}`];
      if (attendance !== undefined) {
        const values = [...String(attendance).matchAll(/\b(10735\d{4})\b/g)].map((m) => Number(m[1]));
        const options = (customColumns.get(APPOINTMENT_COLUMNS.attendance) ?? []).map((o) => Number(o['@value']));
        expect(values.sort()).toEqual(Object.values(ATTENDANCE_OPTIONS).sort());
        expect(options.sort()).toEqual(Object.values(ATTENDANCE_OPTIONS).sort());
      }
    }
  });
});

test('the solution adds exactly the columns the flows write: two Yes/No reminder flags and the attendance choice', () => {
  expect([...customColumns.keys()].sort()).toEqual(Object.values(APPOINTMENT_COLUMNS).sort());
  const types = Object.fromEntries(attributes.map((a) => [String(a.LogicalName), a.Type]));
  expect(types).toEqual({ mc_reminderemailsent: 'bit', mc_remindersmssent: 'bit', mc_attendance: 'picklist' });
});

test('a customer\'s cancellation cancels the appointment only for the customer\'s own channels, and only while it is open or scheduled', () => {
  const flow = WRITE_BACK_FLOWS['Customer cancelled → cancel the appointment'] as unknown as Flow;
  const [trigger] = Object.values(flow.properties.definition.triggers) as [Action];
  const sources = EVENT_DATA_SCHEMAS.meeting.shape.cancelledBy.unwrap().options;
  for (const source of CUSTOMER_CANCELLATIONS) expect(sources).toContain(source);
  expect(sources.filter((s) => !(CUSTOMER_CANCELLATIONS as readonly string[]).includes(s)).sort()).toEqual(['api', 'external']);
  expect(trigger.conditions?.[0]?.expression).toContain(CUSTOMER_CANCELLATIONS.map((s) => `'${s}'`).join(', '));
  const open = flow.properties.definition.actions.If_still_open as Action & { expression: unknown };
  expect(JSON.stringify(open.expression)).toMatch(/statecode.*0.*statecode.*3/);
  expect(open.actions?.Cancel_the_appointment?.inputs?.parameters).toMatchObject({ 'item/statecode': 2, 'item/statuscode': 4 });
});

test('an undelivered message becomes a note on the appointment (annotation regarding it)', () => {
  const flow = WRITE_BACK_FLOWS['Message not delivered → note on the appointment'] as unknown as Flow;
  const note = walk(flow.properties.definition.actions).find((a) => a.inputs?.host?.operationId === 'CreateRecord');
  expect(note?.inputs?.parameters).toMatchObject({ entityName: 'annotations', 'item/objectid_appointment@odata.bind': "/appointments(@{triggerBody()?['data']?['meetingId']})" });
});

test('the appointment-updated flow does not react to the columns the write-back flows set (no loop)', () => {
  const file = fs.readdirSync(path.join(DIR, 'Workflows')).find((f) => f.startsWith('AppointmentupdatedUpdateMeeting') && f.endsWith('.json')) as string;
  const updated = JSON.parse(read(`Workflows/${file}`)) as Flow;
  const [trigger] = Object.values(updated.properties.definition.triggers) as [Action];
  const watched = String(trigger.inputs?.parameters?.['subscriptionRequest/filteringattributes']).split(',');
  for (const column of Object.values(APPOINTMENT_COLUMNS)) expect(watched).not.toContain(column);
});

test('the solution\'s README and the repository\'s name every write-back flow', () => {
  const readmes = [read('README.md'), fs.readFileSync(path.resolve(DIR, '..', 'README.md'), 'utf8')];
  for (const name of Object.keys(WRITE_BACK_FLOWS)) for (const text of readmes) expect({ name, named: text.includes(`**${name}**`) }).toEqual({ name, named: true });
});
