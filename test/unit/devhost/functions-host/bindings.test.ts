import { checkBindings } from '../../../../devhost/functions-host/bindings';
import type { RpcBindingInfo } from '../../../../devhost/functions-host/core-types';
import { FunctionsCore } from '../../../../devhost/functions-host/functions-core';

const http: Record<string, RpcBindingInfo> = { req: { type: 'httpTrigger', direction: 'in' }, $return: { type: 'http', direction: 'out' } };
function coreWith(bindings: Record<string, RpcBindingInfo>): FunctionsCore {
  const core = new FunctionsCore();
  core.module.registerFunction({ name: 'F', bindings: { ...http, ...bindings } }, () => undefined);
  return core;
}
const env = { AzureWebJobsStorage: 'UseDevelopmentStorage=true', QUEUE: 'jobs' };

describe('binding checks when the app loads', () => {
  test.each([
    ['an output type the devhost does not serve', { out1: { type: 'twilioSms', direction: 'out' as const } }, /function 'F', binding 'out1': output binding type 'twilioSms' is not supported/],
    ['an input type the devhost does not serve', { in1: { type: 'cosmosDB', direction: 'in' as const } }, /binding 'in1': input binding type 'cosmosDB'/],
    ['an unresolved %Setting%', { q: { type: 'queue', direction: 'out' as const, queueName: '%NOPE%' } }, /binding 'q': queueName '%NOPE%' refers to app setting 'NOPE', which is not set/],
    ['a storage connection nobody set', { t: { type: 'table', direction: 'out' as const, tableName: 'x', connection: 'Other' } }, /binding 't': connection setting 'Other' is not set/],
  ])('refuses %s, naming function and binding', (_what, bindings, message) => {
    expect(() => checkBindings(coreWith(bindings), env)).toThrow(message);
  });

  test('resolves %Setting% in place and accepts the storage outputs and the durable client', () => {
    const core = coreWith({ q: { type: 'queue', direction: 'out', queueName: '%QUEUE%-%QUEUE%' }, c: { type: 'durableClient', direction: 'in' } });
    checkBindings(core, env);
    expect(core.registrations.get('F')?.metadata.bindings.q?.queueName).toBe('jobs-jobs');
  });

  test('refuses a trigger the devhost does not serve', () => {
    const core = new FunctionsCore();
    core.module.registerFunction({ name: 'Q', bindings: { msg: { type: 'serviceBusTrigger', direction: 'in' } } }, () => undefined);
    expect(() => checkBindings(core, env)).toThrow(/function 'Q', binding 'msg': trigger type 'serviceBusTrigger' is not supported/);
  });
});
