import fs from 'node:fs';
import path from 'node:path';

const DEVHOST = path.resolve(__dirname, '..', '..', '..', 'devhost');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Relative imports of a file (type-only ones too: a cycle of types is still a tangle), resolved to files. */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] as string);
  return specs.map((s) => path.resolve(path.dirname(file), s)).map((p) => (fs.existsSync(`${p}.ts`) ? `${p}.ts` : path.join(p, 'index.ts'))).filter((p) => p.startsWith(DEVHOST));
}

/** Every import cycle among the devhost's modules, each as the chain of files that closes it. */
function cycles(): string[][] {
  const graph = new Map(sources(DEVHOST).map((f) => [f, imports(f)]));
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: string, trail: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') {
      found.push([...trail.slice(trail.indexOf(f)), f].map((p) => path.relative(DEVHOST, p)));
      return;
    }
    state.set(f, 'visiting');
    for (const next of graph.get(f) ?? []) visit(next, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}

describe('devhost modules', () => {
  test('import no cycle (engine and episode in particular)', () => {
    expect(cycles()).toEqual([]);
  });

  test('the scan sees the imports it checks', () => {
    const engine = imports(path.join(DEVHOST, 'durable', 'engine.ts')).map((p) => path.relative(DEVHOST, p));
    expect(engine).toEqual(expect.arrayContaining(['durable/episode.ts', 'durable/engine-types.ts', 'functions-host/invoke.ts']));
  });
});
