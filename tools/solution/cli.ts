import fs from 'node:fs';
import path from 'node:path';
import { packSolution, solutionEntries } from './pack-solution';
import { SOLUTION_DIR, SOLUTION_ZIP } from './solution-identity';

/**
 * `npm run solution:pack` (after `npm run build`): packs solution/ (the `pac solution unpack` layout)
 * into dist/MeetingCommunications.zip, the file to import in Power Apps (Solutions → Import).
 * Run from the repository root.
 */
function main(): void {
  const root = process.cwd();
  const dir = path.join(root, SOLUTION_DIR);
  if (!fs.existsSync(dir)) throw new Error(`No ${SOLUTION_DIR}/ here: run from the repository root.`);
  const zip = packSolution(dir);
  const target = path.join(root, SOLUTION_ZIP);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, zip);
  for (const entry of solutionEntries(dir)) console.log(`  ${entry.path}`);
  console.log(`wrote ${SOLUTION_ZIP} (${zip.length} bytes)`);
}

main();
