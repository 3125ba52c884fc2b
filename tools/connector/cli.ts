import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';

/**
 * `npm run connector:build` (after `npm run build`): writes the connector's apiDefinition.swagger.json,
 * apiProperties.json and icon.png, the connector's copy in solution/Connectors and the write-back
 * flows in solution/Workflows, from the zod schemas the handlers validate with. Run from the
 * repository root.
 */
function main(): void {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, 'package.json'))) throw new Error('Run from the repository root.');
  for (const [file, content] of Object.entries(generatedFiles())) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${file}`);
  }
}

main();
