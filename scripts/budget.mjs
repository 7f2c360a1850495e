// The size budget of the browser bundles, gzipped (level 9): deterministic, so it fails CI.
// Raise a budget only with a reason in the commit; BENCHMARKS.md records the sizes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const BUDGETS = {
  // Every element and the data layer, lit included. Issue 5 asks for 25 KB; this is what the six
  // elements and issue 7's sections weigh now (39.9 KB), as a ratchet so it does not grow while
  // the gap is decided (BENCHMARKS.md, "Bundle sizes").
  'civic-achievements.js': 40 * KB,
  'progress-ring.js': 9 * KB, // <progress-ring> alone, lit included (issue 5)
  'civic-achievements-offline.js': 3 * KB,
  'civic-achievements-engine.js': 14 * KB,
  'civic-achievements-sw.js': 2 * KB,
};

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
let over = 0;
for (const [file, budget] of Object.entries(BUDGETS)) {
  let bytes;
  try {
    bytes = gzipSync(readFileSync(dist + file), { level: 9 }).length;
  } catch {
    console.error(`  ✗ dist/${file} is missing: run \`npm run build\` first`);
    over += 1;
    continue;
  }
  const ok = bytes <= budget;
  if (!ok) over += 1;
  console.log(`  ${ok ? '✓' : '✗'} dist/${file}: ${(bytes / KB).toFixed(1)} KB gzipped (budget ${(budget / KB).toFixed(0)} KB)`);
}
process.exit(over ? 1 : 0);
