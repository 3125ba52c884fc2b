import path from 'node:path';
import { checkInstalledVersions, readInstalledVersion } from '../../../../devhost/functions-host/installed-versions';
import { TESTED_SDK_VERSIONS } from '../../../../devhost/durable/protocol';
import { TESTED_STORAGE_VERSIONS } from '../../../../devhost/functions-host/storage';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const installed = (versions: Record<string, string>) => (name: string): string | undefined => versions[name];

describe('the devhost checks it runs on the versions it was tested with', () => {
  test('matching versions pass silently', () => {
    expect(checkInstalledVersions({ tested: { 'durable-functions': '3.5.0' }, from: ROOT, env: {}, installedVersion: installed({ 'durable-functions': '3.5.0' }) })).toEqual([]);
  });

  test('another version refuses to start, naming the package, both versions and the fix', () => {
    const check = (): string[] => checkInstalledVersions({ tested: { 'durable-functions': '3.5.0', azurite: '3.37.0' }, from: ROOT, env: {}, installedVersion: installed({ 'durable-functions': '3.6.1', azurite: '3.37.0' }) });
    expect(check).toThrow('durable-functions 3.6.1 is installed, but the devhost is tested with durable-functions 3.5.0. Run `npm ci` to install the tested versions from package-lock.json, or set DEVHOST_ALLOW_UNTESTED_VERSIONS=1 to start anyway.');
  });

  test('a missing package is reported as not installed', () => {
    expect(() => checkInstalledVersions({ tested: { azurite: '3.37.0' }, from: ROOT, env: {}, installedVersion: installed({}) })).toThrow(/azurite \(not installed\) is installed, but the devhost is tested with azurite 3\.37\.0/);
  });

  test('DEVHOST_ALLOW_UNTESTED_VERSIONS=1 starts anyway, with a warning', () => {
    const warnings = checkInstalledVersions({ tested: { azurite: '3.37.0' }, from: ROOT, env: { DEVHOST_ALLOW_UNTESTED_VERSIONS: '1' }, installedVersion: installed({ azurite: '3.38.0' }) });
    expect(warnings).toEqual(['azurite 3.38.0 is installed, but the devhost is tested with azurite 3.37.0 (DEVHOST_ALLOW_UNTESTED_VERSIONS=1: starting anyway)']);
  });

  test('the versions installed here are the tested ones, and package.json pins them with ~', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(path.join(ROOT, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const tested: Record<string, string> = { ...TESTED_SDK_VERSIONS, ...TESTED_STORAGE_VERSIONS };
    for (const [name, version] of Object.entries(tested)) {
      expect(readInstalledVersion(name, ROOT)).toBe(version);
      expect(pkg.dependencies[name] ?? pkg.devDependencies[name]).toBe(`~${version}`);
    }
    expect(() => checkInstalledVersions({ tested, from: ROOT, env: {} })).not.toThrow();
  });
});
