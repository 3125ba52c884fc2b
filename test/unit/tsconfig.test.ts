import path from 'node:path';
import ts from 'typescript';
import { readTsconfig, ROOT } from '../support/tsconfig-files';

const WEB = path.join(ROOT, 'web', 'admin') + path.sep;
const hasDom = (config: ts.ParsedCommandLine): boolean => (config.options.lib ?? []).some((lib) => /\bdom\b/i.test(lib));

/**
 * The server and the admin page's browser code are two programs: the server is compiled without the
 * DOM (so `document` or `fetch`-as-DOM typings cannot creep into handlers) and never reaches web/;
 * web/admin is compiled with the DOM and without Node.
 */
describe('the TypeScript programs', () => {
  test.each(['tsconfig.json', 'tsconfig.build.json'])('%s: no DOM lib and no file of web/', (file) => {
    const config = readTsconfig(file);
    expect(config.options.lib?.length).toBeGreaterThan(0);
    expect(hasDom(config)).toBe(false);
    expect(config.fileNames.filter((f) => path.resolve(f).startsWith(WEB))).toEqual([]);
  });

  test('the deployed program imports no browser code, directly or through another module', () => {
    const config = readTsconfig('tsconfig.build.json');
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const reached = program.getSourceFiles().map((f) => path.resolve(f.fileName));
    expect(reached.some((f) => f.startsWith(path.join(ROOT, 'src') + path.sep))).toBe(true);
    expect(reached.filter((f) => f.startsWith(WEB))).toEqual([]);
  });

  test('web/admin: the DOM, no Node types, ES modules, only its own files', () => {
    const config = readTsconfig('web/admin/tsconfig.json');
    expect(hasDom(config)).toBe(true);
    expect(config.options.types).toEqual([]);
    expect(config.options.module).toBe(ts.ModuleKind.ES2022);
    expect(config.fileNames.length).toBeGreaterThan(0);
    expect(config.fileNames.filter((f) => !path.resolve(f).startsWith(WEB))).toEqual([]);
  });
});
