import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where `tsc -p web/admin` writes the admin page's modules, relative to the folder holding dist/. */
const MODULES_DIR = join('web', 'admin');
/** The entry module; the page's `<script type="module">` loads it and it imports the others. */
export const ADMIN_ENTRY_MODULE = 'app.js';

/**
 * Finds the compiled admin modules: beside the compiled server (`dist/src/http/admin/../../../web/admin`)
 * or, when the server runs from its sources (unit tests), in `dist/` above them.
 */
export function findAdminModulesDir(from: string = __dirname): string {
  let dir = resolve(from);
  for (let depth = 0; depth < 6; depth += 1) {
    for (const candidate of [join(dir, MODULES_DIR), join(dir, 'dist', MODULES_DIR)]) {
      if (existsSync(join(candidate, ADMIN_ENTRY_MODULE))) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`the admin page's modules (${MODULES_DIR}/${ADMIN_ENTRY_MODULE}) were not found above ${from}: run npm run build`);
}

let modules: ReadonlyMap<string, string> | undefined;

/**
 * The admin page's compiled ES modules by file name (`app.js`, `api.js`, …), read once. These names
 * are the only ones the asset route serves: a request names a key of this map, never a path, so it
 * cannot reach another file (`..%2F`, `app.ts`, source maps).
 */
export function adminModules(): ReadonlyMap<string, string> {
  if (modules) return modules;
  const dir = findAdminModulesDir();
  const names = readdirSync(dir).filter((name) => /^[a-z][a-z0-9-]*\.js$/.test(name)).sort();
  return (modules = new Map(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')])));
}
