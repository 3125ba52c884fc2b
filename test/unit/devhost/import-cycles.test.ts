import path from 'node:path';
import { importCycles, importsOf } from '../../support/import-graph';

const DEVHOST = path.resolve(__dirname, '..', '..', '..', 'devhost');

describe('devhost modules', () => {
  test('import no cycle (engine and episode in particular)', () => {
    expect(importCycles(DEVHOST)).toEqual([]);
  });

  test('the scan sees the imports it checks', () => {
    const engine = importsOf(path.join(DEVHOST, 'durable', 'engine.ts'), DEVHOST).map((p) => path.relative(DEVHOST, p));
    expect(engine).toEqual(expect.arrayContaining(['durable/episode.ts', 'durable/engine-types.ts', 'functions-host/invoke.ts']));
  });
});
