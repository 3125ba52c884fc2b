import fs from 'node:fs';
import path from 'node:path';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/**
 * Relative imports of a file resolved to files under `root`. With `valuesOnly`, `import type` /
 * `export type` lines are left out: they vanish at compile time, so they cannot make a load-order cycle.
 */
export function importsOf(file: string, root: string, valuesOnly = false): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/^(?:import|export)\s([^;]*?)from\s+'(\.[^']+)'/gms)];
  const specs = statements.filter((m) => !(valuesOnly && /^type\s/.test(m[1] as string))).map((m) => m[2] as string);
  return specs.map((s) => path.resolve(path.dirname(file), s)).map((p) => (fs.existsSync(`${p}.ts`) ? `${p}.ts` : path.join(p, 'index.ts'))).filter((p) => p.startsWith(root));
}

/** Every import cycle among the modules under `root`, each as the chain of files (relative to `root`) that closes it. */
export function importCycles(root: string, valuesOnly = false): string[][] {
  const graph = new Map(sources(root).map((f) => [f, importsOf(f, root, valuesOnly)]));
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: string, trail: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') {
      found.push([...trail.slice(trail.indexOf(f)), f].map((p) => path.relative(root, p)));
      return;
    }
    state.set(f, 'visiting');
    for (const next of graph.get(f) ?? []) visit(next, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}
