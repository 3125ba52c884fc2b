import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [name…]`: runs each benchmark in its own process (so its memory is its own) and
 * prints what it measured. Every benchmark prints ratios against a baseline measured in the same run.
 */
const available = fs.readdirSync(__dirname).filter((f) => f.endsWith('.js') && !['run.js', 'support.js'].includes(f)).map((f) => f.replace(/\.js$/, ''));
// Names first, then options passed to each benchmark (`npm run bench -- burst --n 500`).
const firstOption = process.argv.findIndex((a, i) => i >= 2 && a.startsWith('--'));
const wanted = process.argv.slice(2, firstOption < 0 ? undefined : firstOption);
const options = firstOption < 0 ? [] : process.argv.slice(firstOption);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== bench/${name} ==`);
  const result = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...options], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
