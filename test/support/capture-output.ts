import { format } from 'node:util';

/**
 * Captures everything written through `console.*` and `process.stdout/stderr` until `restore()`, so a test
 * can assert what would have reached the logs.
 */
export function captureOutput(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const consoleSpies = methods.map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    }),
  );
  const streamSpies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    }),
  );
  return {
    lines,
    restore: () => [...consoleSpies, ...streamSpies].forEach((spy) => spy.mockRestore()),
  };
}
