/**
 * The devhost's console output. Function logs are prefixed with the function name and invocation id
 * like the Functions host's, so a line can be traced to an invocation without printing its data.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  functionLog(functionName: string, invocationId: string, level: string, category: string, message: string): void;
}

export function consoleLogger(options: { quiet?: boolean; verbose?: boolean } = {}): Logger {
  const stamp = (): string => new Date().toISOString().slice(11, 23);
  return {
    info: (m) => {
      if (!options.quiet) console.log(`${stamp()} ${m}`);
    },
    warn: (m) => console.warn(`${stamp()} warn: ${m}`),
    error: (m) => console.error(`${stamp()} error: ${m}`),
    functionLog: (fn, id, level, category, message) => {
      if (level === 'debug' || level === 'trace') {
        if (!options.verbose) return;
      } else if (options.quiet && level !== 'error' && level !== 'critical' && level !== 'warning') return;
      if (category === 'system' && !options.verbose && level !== 'error') return;
      const line = `${stamp()} [${fn} ${id.slice(0, 8)}] ${message}`;
      if (level === 'error' || level === 'critical') console.error(line);
      else console.log(line);
    },
  };
}
