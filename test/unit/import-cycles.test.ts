import path from 'node:path';
import { importCycles, importsOf } from '../support/import-graph';

const SRC = path.resolve(__dirname, '..', '..', 'src');

describe('src modules', () => {
  // The domain iterates the channel registry and the channel modules build on domain leaf modules;
  // a value import back into domain/index (or settings, plans) from a channel would make the load
  // order decide whether CHANNELS is defined. Type-only imports are erased and may go both ways.
  test('import no cycle of values', () => {
    expect(importCycles(SRC, true)).toEqual([]);
  });

  test('the scan sees value imports and leaves type-only ones out', () => {
    const registry = path.join(SRC, 'channels', 'registry.ts');
    const dispatch = path.join(SRC, 'ports', 'dispatch.ts');
    expect(importsOf(registry, SRC, true).map((p) => path.relative(SRC, p))).toEqual(['channels/email/index.ts', 'channels/sms/index.ts', 'channels/whatsapp/index.ts', 'channels/voice/index.ts']);
    expect(importsOf(dispatch, SRC, true)).toEqual([]);
    expect(importsOf(dispatch, SRC, false).map((p) => path.relative(SRC, p))).toContain('channels/registry.ts');
  });
});
