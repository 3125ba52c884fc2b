import { TableClient } from '@azure/data-tables';
import { resolveExpressions } from './binding-expressions';
import type { Registration, RpcBindingInfo, RpcInvocationResponse, RpcTypedData } from './core-types';

/** Where storage output bindings write: clients for one connection's services. */
export interface StorageOutputs {
  table(connectionString: string, tableName: string): Promise<TableClient>;
  queue?(connectionString: string, queueName: string, message: string): Promise<void>;
  blob?(connectionString: string, path: string, content: Buffer): Promise<void>;
}

/** An output binding's value as the worker hands it over. */
export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) return undefined;
  if (typeof data.json === 'string') return JSON.parse(data.json);
  if (typeof data.string === 'string') return data.string;
  if (data.bytes) return Buffer.from(data.bytes);
  return undefined;
}

/** The connection string a binding's `connection` setting names (AzureWebJobsStorage by default). */
export function bindingConnection(b: RpcBindingInfo, env: NodeJS.ProcessEnv): string {
  const setting = typeof b.connection === 'string' && b.connection ? b.connection : 'AzureWebJobsStorage';
  const value = env[setting] ?? env[`AzureWebJobs${setting}`];
  if (value === undefined) throw new Error(`connection setting '${setting}' is not set.`);
  return /UseDevelopmentStorage=true/i.test(value) ? (env.AzureWebJobsStorage as string) : value;
}

/**
 * Writes a finished invocation's storage outputs (output.table / storageQueue / storageBlob), as the
 * host does after the function returns; a failed write fails the invocation, as on Azure.
 */
export async function writeOutputs(reg: Registration, response: RpcInvocationResponse, outputs: StorageOutputs, expressions: Record<string, string> = {}, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const values: Array<[string, unknown]> = (response.outputData ?? []).map((o) => [o.name ?? '', fromTypedData(o.data)]);
  if (response.returnValue && reg.metadata.bindings.$return) values.push(['$return', fromTypedData(response.returnValue)]);
  for (const [name, value] of values) {
    const declared = reg.metadata.bindings[name];
    if (!declared || declared.direction !== 'out' || value === undefined || value === null) continue;
    const b = withExpressions(declared, expressions, `function '${reg.metadata.name}', binding '${name}'`);
    if (b.type === 'table') await writeTable(b, value, outputs, env);
    else if (b.type === 'queue') for (const m of Array.isArray(value) ? value : [value]) await requireService(outputs.queue, 'Queue')(bindingConnection(b, env), String(b.queueName), typeof m === 'string' ? m : JSON.stringify(m));
    else if (b.type === 'blob') await requireService(outputs.blob, 'Blob')(bindingConnection(b, env), String(b.path), Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));
  }
}

/** A storage binding with its `{…}` expressions resolved for this invocation. */
function withExpressions(b: RpcBindingInfo, values: Record<string, string>, what: string): RpcBindingInfo {
  const out: RpcBindingInfo = { ...b };
  for (const prop of ['queueName', 'path', 'tableName', 'partitionKey', 'rowKey']) if (typeof b[prop] === 'string') out[prop] = resolveExpressions(b[prop] as string, values, what);
  return out;
}

function requireService<T>(f: T | undefined, service: string): T {
  if (!f) throw new Error(`The ${service} service of the devhost's Azurite is not running.`);
  return f;
}

async function writeTable(b: RpcBindingInfo, value: unknown, outputs: StorageOutputs, env: NodeJS.ProcessEnv): Promise<void> {
  const client = await outputs.table(bindingConnection(b, env), String(b.tableName));
  for (const row of Array.isArray(value) ? value : [value]) {
    const { PartitionKey, RowKey, partitionKey, rowKey, ...rest } = row as Record<string, unknown>;
    const pk = PartitionKey ?? partitionKey ?? b.partitionKey;
    const rk = RowKey ?? rowKey ?? b.rowKey;
    if (typeof pk !== 'string' || typeof rk !== 'string') throw new Error(`Table output '${String(b.tableName)}': every entity needs a PartitionKey and a RowKey (strings).`);
    await client.createEntity({ partitionKey: pk, rowKey: rk, ...rest });
  }
}

/** Table clients per connection and table, each table created on first use as the binding does. */
export function tableOutputs(): StorageOutputs['table'] {
  const clients = new Map<string, Promise<TableClient>>();
  return (connectionString, tableName) => {
    const key = `${connectionString}|${tableName}`;
    let c = clients.get(key);
    if (!c) {
      const client = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: /TableEndpoint=http:|UseDevelopmentStorage/i.test(connectionString) });
      c = client.createTable().then(() => client);
      clients.set(key, c);
    }
    return c;
  };
}
