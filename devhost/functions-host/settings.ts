import fs from 'node:fs';
import path from 'node:path';

export interface LocalSettings { Values: Record<string, string>; Host: { LocalHttpPort?: number }; file: string }
export interface HostJson { routePrefix: string; hubName: string; maxConcurrentActivities: number; maxConcurrentOrchestrations: number }

/**
 * Reads local.settings.json like the Functions host (falling back to local.settings.example.json)
 * and copies its Values into process.env. Variables already set in the environment win, so a test
 * or a shell can override any setting.
 */
export function loadLocalSettings(appDir: string, env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const candidates = ['local.settings.json', 'local.settings.example.json'].map((f) => path.join(appDir, f));
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) return { Values: {}, Host: {}, file: '(none)' };
  let parsed: { Values?: Record<string, unknown>; Host?: { LocalHttpPort?: number } };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof parsed;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed.Values ?? {})) {
    if (v === null || v === undefined) continue;
    values[k] = String(v);
    if (env[k] === undefined) env[k] = String(v);
  }
  return { Values: values, Host: parsed.Host ?? {}, file };
}

/** The parts of host.json the devhost honours. */
export function readHostJson(appDir: string): HostJson {
  const file = path.join(appDir, 'host.json');
  const json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const ext = (json.extensions ?? {}) as { http?: { routePrefix?: string }; durableTask?: { hubName?: string; maxConcurrentActivityFunctions?: number; maxConcurrentOrchestratorFunctions?: number } };
  const hub = ext.durableTask?.hubName ?? 'TestHubName';
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(hub)) throw new Error(`host.json durableTask.hubName '${hub}' must be 3–45 letters or digits, starting with a letter.`);
  return {
    routePrefix: (ext.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    hubName: hub,
    maxConcurrentActivities: ext.durableTask?.maxConcurrentActivityFunctions ?? 10,
    maxConcurrentOrchestrations: ext.durableTask?.maxConcurrentOrchestratorFunctions ?? 10,
  };
}
