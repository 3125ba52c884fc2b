import fs from 'node:fs';
import path from 'node:path';

/** The setting that lets the devhost start on versions nobody has tested it with. */
export const ALLOW_UNTESTED = 'DEVHOST_ALLOW_UNTESTED_VERSIONS';

export interface VersionCheck {
  /** Package name → the exact version the devhost was tested with. */
  tested: Record<string, string>;
  /** Where to resolve each package from (the app's directory, the devhost's). */
  from: string;
  env?: NodeJS.ProcessEnv;
  /** Reads an installed package's version; defaults to its package.json under node_modules. */
  installedVersion?: (name: string, from: string) => string | undefined;
}

/** The installed version of `name` as seen from `from`, or undefined when it is not installed. */
export function readInstalledVersion(name: string, from: string): string | undefined {
  let file: string;
  try {
    file = require.resolve(`${name}/package.json`, { paths: [from] });
  } catch {
    return undefined;
  }
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version;
}

/**
 * The devhost reimplements the host side of protocols that these packages define (durable-functions'
 * replay engine, Azurite's storage API): a version it was not tested with may disagree silently, so
 * it refuses to start, naming what differs, unless DEVHOST_ALLOW_UNTESTED_VERSIONS=1.
 * @returns warnings to log when untested versions are allowed
 * @throws Error naming each package, its installed and tested versions, and the fix
 */
export function checkInstalledVersions(check: VersionCheck): string[] {
  const read = check.installedVersion ?? readInstalledVersion;
  const env = check.env ?? process.env;
  const problems = Object.entries(check.tested).flatMap(([name, tested]) => {
    const installed = read(name, path.resolve(check.from));
    return installed === tested ? [] : [`${name} ${installed ?? '(not installed)'} is installed, but the devhost is tested with ${name} ${tested}`];
  });
  if (problems.length === 0) return [];
  if (env[ALLOW_UNTESTED] === '1') return problems.map((p) => `${p} (${ALLOW_UNTESTED}=1: starting anyway)`);
  throw new Error(`${problems.join('; ')}. Run \`npm ci\` to install the tested versions from package-lock.json, or set ${ALLOW_UNTESTED}=1 to start anyway.`);
}
