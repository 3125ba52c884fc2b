import fs from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * Validation of customizations.xml against Microsoft's customization XSDs (9.0.0.2090), kept in
 * shared/schemas/dataverse beside the repository; its README says what the set cannot check and
 * why each adjustment below is needed. DATAVERSE_XSD_DIR overrides where they are.
 */
export const XSD_DIR = process.env.DATAVERSE_XSD_DIR ?? path.resolve(__dirname, '../../../shared/schemas/dataverse');

/** The alnum run before the first `_` may be anything but `crm` (any case): the look-ahead, spelled out. */
const NOT_CRM_RUN = '([A-Za-z0-9]{1,2}|[A-Za-z0-9]{4,}|[ABD-Zabd-z0-9][A-Za-z0-9]{2}|[cC][A-QS-Za-qs-z0-9][A-Za-z0-9]|[cC][rR][A-LN-Za-ln-z0-9])';

/** The five patterns .NET reads but libxml2 cannot (or reads otherwise); each must occur exactly once. */
const REWRITES: ReadonlyArray<readonly [file: string, published: string, forLibxml2: string]> = [
  ['FormXml.xsd', '"(\\$webresource:|/)(.)+"', '"($webresource:|/)(.)+"'],
  ['FormXml.xsd', '"^(100|[0-9]{1,2})%$"', '"(100|[0-9]{1,2})%"'],
  ['FormXml.xsd', '"(?![cC][rR][mM]_)([A-Za-z0-9])+([_])+([A-Za-z0-9_])*"', `"${NOT_CRM_RUN}([_])+([A-Za-z0-9_])*"`],
  ['Fetch.xsd', '"^[0-9]+(\\.[0-9]+){1,3}$"', '"[0-9]+(\\.[0-9]+){1,3}"'],
  ['CustomizationsSolution.xsd', '"^(100|[0-9]{1,2})%$"', '"(100|[0-9]{1,2})%"'],
];

/** The XSD set as libxml2 can compile it (in memory: the files themselves are never changed). */
export function schemaFiles(): XMLFileInfo[] {
  if (!fs.existsSync(path.join(XSD_DIR, 'CustomizationsSolution.xsd'))) {
    throw new Error(`Microsoft's customization XSDs are not at ${XSD_DIR} (shared/schemas/dataverse beside the repository; or set DATAVERSE_XSD_DIR)`);
  }
  const files = new Map(fs.readdirSync(XSD_DIR).filter((f) => f.endsWith('.xsd')).map((f) => [f, fs.readFileSync(path.join(XSD_DIR, f), 'utf8').replace(/^\uFEFF/, '')]));
  for (const [file, published, forLibxml2] of REWRITES) {
    const text = files.get(file) ?? '';
    const count = text.split(published).length - 1;
    if (count !== 1) throw new Error(`${file}: expected the pattern ${published} once, found it ${count} times`);
    files.set(file, text.replace(published, forLibxml2));
  }
  return [...files].map(([fileName, contents]) => ({ fileName, contents }));
}

/**
 * Constructs newer than 9.0.0.2090 that current exports carry and the set does not declare (the
 * README's "Schema gaps" list, as far as this solution uses them). They are removed from a copy
 * before validating, and are not checked.
 */
const GAPS: ReadonlyArray<readonly [what: string, pattern: RegExp]> = [
  ['ImportExportXml/@OrganizationVersion, @OrganizationSchemaType, @CRMServerServiceabilityVersion', / (OrganizationVersion|OrganizationSchemaType|CRMServerServiceabilityVersion)="[^"]*"/g],
  ['ImportExportXml/Connectors', /\s*<Connectors(\s*\/>|>[\s\S]*?<\/Connectors>)/g],
  ['ImportExportXml/connectionreferences', /\s*<connectionreferences(\s*\/>|>[\s\S]*?<\/connectionreferences>)/g],
  ['Workflow/JsonFileName, IsCustomProcessingStepAllowedForOtherPublishers, ModernFlowType', /\s*<(JsonFileName|IsCustomProcessingStepAllowedForOtherPublishers|ModernFlowType)>[^<]*<\/\1>/g],
];

/** customizations.xml without the schema gaps, and how many of each were removed. */
export function withoutGaps(xml: string): { xml: string; removed: Record<string, number> } {
  const removed: Record<string, number> = {};
  let out = xml;
  for (const [what, pattern] of GAPS) {
    removed[what] = (out.match(pattern) ?? []).length;
    out = out.replace(pattern, '');
  }
  return { xml: out, removed };
}

/** The XSD errors of a customizations.xml (gaps removed first); empty when it validates. */
export async function customizationsErrors(xml: string): Promise<string[]> {
  const [root, ...others] = schemaFiles().sort((a, b) => Number(b.fileName === 'CustomizationsSolution.xsd') - Number(a.fileName === 'CustomizationsSolution.xsd'));
  const result = await validateXML({ xml: { fileName: 'customizations.xml', contents: withoutGaps(xml).xml }, schema: root as XMLFileInfo, preload: others, maxMemoryPages: 4096 });
  return result.errors.map((e) => e.rawMessage);
}
