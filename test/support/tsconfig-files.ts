import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

/** A tsconfig as tsc reads it (extends, include, exclude resolved); throws on a broken config. */
export function readTsconfig(relative: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, relative), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed || parsed.errors.length > 0) throw new Error(`${relative}: ${parsed?.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  return parsed;
}

/** What `tsc -p <config>` would write, by output file name, compiled in memory (nothing is written). */
export function emitInMemory(relative: string): Map<string, string> {
  const config = readTsconfig(relative);
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: false } });
  const out = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => out.set(path.basename(file), text));
  if (result.emitSkipped) throw new Error(`${relative}: emit skipped`);
  return out;
}
