import fs from 'node:fs';
import path from 'node:path';

/**
 * Expands the `main` field of the app's package.json the way the Functions host does: a path or a
 * glob (`*` within one segment, `**` across segments), relative to the app directory.
 */
export function resolveEntryPoints(appDir: string): string[] {
  const pkgPath = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { main?: unknown };
  if (typeof pkg.main !== 'string' || pkg.main.trim() === '') {
    throw new Error(`${pkgPath} has no "main": the host loads the app from it.`);
  }
  const pattern = pkg.main.replace(/^\.\//, '');
  if (!/[*?]/.test(pattern)) {
    const file = path.resolve(appDir, pattern);
    if (!fs.existsSync(file)) throw new Error(`"main" points to ${file}, which does not exist. Did the build run?`);
    return [file];
  }
  const regex = globToRegExp(pattern);
  const root = path.resolve(appDir, pattern.split('/').filter((s) => !/[*?]/.test(s)).slice(0, -1).join('/') || '.');
  const base = firstWildcardDir(appDir, pattern);
  const files = walk(base).filter((f) => regex.test(path.relative(appDir, f).split(path.sep).join('/')));
  if (files.length === 0) throw new Error(`"main" (${pkg.main}) matches no file under ${root}. Did the build run?`);
  return files.sort();
}

function firstWildcardDir(appDir: string, pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (/[*?]/.test(s)) break;
    fixed.push(s);
  }
  return path.resolve(appDir, fixed.join('/') || '.');
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Loads every entry file; their app.* / df.app.* calls register functions on the installed core. */
export function loadApp(appDir: string): string[] {
  const files = resolveEntryPoints(appDir);
  // The host loads entry files with require, in order; so does the devhost.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const file of files) require(file);
  return files;
}
