import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SAMPLE_APP = path.join(ROOT, 'test', 'fixtures', 'sample-app');

export interface DevhostProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Ctrl-C and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** A hard kill: no shutdown code runs. */
  kill(): Promise<void>;
}

/**
 * Starts the compiled devhost (`dist/devhost/main.js`, as `npm start` does) in a child process on a
 * free port and waits until it prints its banner. Run `npm run build` first (npm test does).
 */
export async function startDevhost(opts: { appDir?: string; dataDir?: string | null; env?: Record<string, string> } = {}): Promise<DevhostProcess> {
  const main = path.join(ROOT, 'dist', 'devhost', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first.`);
  const args = [main, '--app', opts.appDir ?? SAMPLE_APP, '--port', '0'];
  if (opts.dataDir) args.push('--data', opts.dataDir);
  else args.push('--in-memory');
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devhost did not start in 30 s:\n${out}`)), 30_000);
    const check = (): void => {
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`devhost exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function json<T = unknown>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Not JSON (${res.status}): ${text}`);
  }
}

/** Polls `fn` until it returns a value that passes `ok`, or fails after `timeoutMs`. */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
