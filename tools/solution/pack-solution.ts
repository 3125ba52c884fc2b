import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

/** One entry of the solution zip. */
export interface SolutionEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Zip entries carry 2000-01-01 12:00. The zip format stores local date fields, which fflate reads
 * from the Date in the process's time zone, so the Date is made from local fields at each call.
 */
const entryTime = (): Date => new Date(2000, 0, 1, 12, 0, 0);

const CONTENT_TYPES = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="xml" ContentType="application/octet-stream" />'
    + '<Default Extension="json" ContentType="application/octet-stream" />'
    + '<Default Extension="png" ContentType="application/octet-stream" />'
    + '</Types>',
  '',
].join('\n');

/** Every file under `dir`, relative with `/`, sorted (so the zip does not depend on the file system's order). */
function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    })
    .sort();
}

/** The parts of a connector `pac solution unpack` writes beside its `<name>.xml`. */
const CONNECTOR_FILE = /^Connectors\/[^/]+_(openapidefinition\.json|connectionparameters\.json|connectionparametersets\.json|policytemplateinstances\.json|iconblob\.Png)$/;

const withoutDeclaration = (xml: string): string => xml.replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, '').trimEnd();
const indent = (xml: string, spaces: string): string => xml.split('\n').map((line) => `${spaces}${line}`).join('\n');

/** Puts component elements where customizations.xml has the empty `<Name />` placeholder. */
function fill(customizations: string, element: string, parts: readonly string[]): string {
  const placeholder = `<${element} />`;
  const count = customizations.split(placeholder).length - 1;
  if (count !== 1) throw new Error(`Other/Customizations.xml must contain ${placeholder} exactly once (found ${count})`);
  if (parts.length === 0) return customizations;
  return customizations.replace(placeholder, `<${element}>\n${parts.map((p) => indent(withoutDeclaration(p), '    ')).join('\n')}\n  </${element}>`);
}

/**
 * The entries of the importable zip, from a solution folder in the `pac solution unpack` layout, as
 * `pac solution pack` assembles them: Other/Solution.xml → solution.xml; Other/Customizations.xml
 * with each Workflows/*.json.data.xml and Connectors/*.xml merged in → customizations.xml;
 * Workflows/*.json as they are; Connectors/<name>_* → Connector/<name>_*; environment variable
 * definitions as they are; and [Content_Types].xml. Any other file is an error.
 */
export function solutionEntries(dir: string): SolutionEntry[] {
  const files = listFiles(dir).filter((f) => f !== 'README.md');
  const read = (file: string): Buffer => fs.readFileSync(path.join(dir, file));
  const text = (file: string): string => read(file).toString('utf8');
  const known = new Set(['Other/Solution.xml', 'Other/Customizations.xml']);
  const workflows = files.filter((f) => /^Workflows\/[^/]+\.json$/.test(f));
  const workflowData = files.filter((f) => /^Workflows\/[^/]+\.json\.data\.xml$/.test(f));
  const connectorXml = files.filter((f) => /^Connectors\/[^/]+\.xml$/.test(f));
  const connectorFiles = files.filter((f) => CONNECTOR_FILE.test(f));
  const variables = files.filter((f) => /^environmentvariabledefinitions\/[^/]+\/(environmentvariabledefinition\.xml|environmentvariablevalues\.json)$/.test(f));
  for (const f of [...workflows, ...workflowData, ...connectorXml, ...connectorFiles, ...variables]) known.add(f);
  const unknown = files.filter((f) => !known.has(f));
  if (unknown.length > 0) throw new Error(`Files the solution layout does not know: ${unknown.join(', ')}`);
  for (const f of ['Other/Solution.xml', 'Other/Customizations.xml']) if (!files.includes(f)) throw new Error(`${f} is missing`);
  for (const w of workflows) if (!workflowData.includes(`${w}.data.xml`)) throw new Error(`${w} has no ${w}.data.xml`);
  for (const d of workflowData) if (!workflows.includes(d.replace(/\.data\.xml$/, ''))) throw new Error(`${d} has no workflow definition`);

  let customizations = fill(text('Other/Customizations.xml'), 'Workflows', workflowData.map(text));
  customizations = fill(customizations, 'Connectors', connectorXml.map(text));
  const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
  return [
    { path: 'customizations.xml', bytes: utf8(customizations) },
    { path: 'solution.xml', bytes: read('Other/Solution.xml') },
    ...workflows.map((f) => ({ path: f, bytes: read(f) })),
    ...connectorFiles.map((f) => ({ path: f.replace(/^Connectors\//, 'Connector/'), bytes: read(f) })),
    ...variables.map((f) => ({ path: f, bytes: read(f) })),
    { path: '[Content_Types].xml', bytes: utf8(CONTENT_TYPES) },
  ];
}

/** The solution zip's bytes: deflated entries in a fixed order with a fixed time, so packing is reproducible. */
export function packSolution(dir: string): Uint8Array {
  const entries = solutionEntries(dir);
  return zipSync(Object.fromEntries(entries.map((e) => [e.path, e.bytes])), { level: 6, mtime: entryTime() });
}
