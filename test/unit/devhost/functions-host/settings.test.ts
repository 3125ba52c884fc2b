import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveEntryPoints } from '../../../../devhost/functions-host/app-loader';
import { loadLocalSettings, readHostJson } from '../../../../devhost/functions-host/settings';
import { nextOccurrence, resolveSchedule } from '../../../../devhost/functions-host/timer-triggers';

function appDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devhost-app-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('loading the app like the host', () => {
  test('package.json main may be a glob', () => {
    const dir = appDir({ 'package.json': '{"main":"dist/functions/*.js"}', 'dist/functions/a.js': '', 'dist/functions/b.js': '', 'dist/functions/b.js.map': '', 'dist/other.js': '' });
    expect(resolveEntryPoints(dir).map((f) => path.relative(dir, f))).toEqual(['dist/functions/a.js', 'dist/functions/b.js']);
  });

  test('a main that matches nothing says so, and suggests the build', () => {
    const dir = appDir({ 'package.json': '{"main":"dist/functions/*.js"}' });
    expect(() => resolveEntryPoints(dir)).toThrow(/matches no file.*Did the build run/);
  });

  test('local.settings.json values fill the environment without overriding it; the example file is the fallback', () => {
    const dir = appDir({ 'local.settings.example.json': JSON.stringify({ Values: { A: 'from-file', B: 'from-file' }, Host: { LocalHttpPort: 7999 } }) });
    const env: NodeJS.ProcessEnv = { B: 'from-env' };
    const s = loadLocalSettings(dir, env);
    expect(env).toEqual({ A: 'from-file', B: 'from-env' });
    expect(s.Host.LocalHttpPort).toBe(7999);
    expect(s.file.endsWith('local.settings.example.json')).toBe(true);
  });

  test('a broken settings file is named in the error', () => {
    const dir = appDir({ 'local.settings.json': '{ nope' });
    expect(() => loadLocalSettings(dir, {})).toThrow(/local\.settings\.json is not valid JSON/);
  });

  test('host.json: route prefix, hub name and concurrency, with defaults', () => {
    expect(readHostJson(appDir({}))).toEqual({ routePrefix: 'api', hubName: 'TestHubName', maxConcurrentActivities: 10, maxConcurrentOrchestrations: 10 });
    const dir = appDir({ 'host.json': JSON.stringify({ extensions: { http: { routePrefix: '' }, durableTask: { hubName: 'Hub1', maxConcurrentActivityFunctions: 3 } } }) });
    expect(readHostJson(dir)).toMatchObject({ routePrefix: '', hubName: 'Hub1', maxConcurrentActivities: 3 });
    expect(() => readHostJson(appDir({ 'host.json': '{"extensions":{"durableTask":{"hubName":"bad-name"}}}' }))).toThrow(/hubName/);
  });
});

describe('NCRONTAB schedules', () => {
  test.each([
    ['0 */5 * * * *', '2026-01-01T00:00:01Z', '2026-01-01T00:05:00.000Z'],
    ['30 0 9 * * 1-5', '2026-01-02T09:00:31Z', '2026-01-05T09:00:30.000Z'],
    ['0 0 0 1 * *', '2026-01-15T00:00:00Z', '2026-02-01T00:00:00.000Z'],
  ])('%s after %s → %s', (schedule, after, next) => {
    expect(new Date(nextOccurrence(schedule, Date.parse(after))).toISOString()).toBe(next);
  });

  test('five fields are refused: the host wants six', () => {
    expect(() => nextOccurrence('*/5 * * * *', 0)).toThrow(/six-field/);
  });

  test('%Setting% is resolved from app settings, and a missing one is named', () => {
    expect(resolveSchedule('%S%', { S: '0 0 * * * *' })).toBe('0 0 * * * *');
    expect(() => resolveSchedule('%MISSING%', {})).toThrow(/MISSING/);
  });
});
