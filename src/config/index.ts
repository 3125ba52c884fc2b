import { configSchema, type Config } from './schema';

export type { Config } from './schema';

/** A setting is missing or invalid. The message names the variable, never its value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment; throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(root)'), message: i.message })));
}

let cached: Config | undefined;

/** The app's configuration, parsed once on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration (tests that change process.env). */
export function resetConfig(): void {
  cached = undefined;
}
