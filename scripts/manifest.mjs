// Writes custom-elements.json from the JSDoc of src/ (the element API's source of truth);
// with --check, fails when the committed file is not what the code says now.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const cem = join(root, 'node_modules', '.bin', 'cem');
if (!existsSync(cem)) {
  console.error('The manifest analyzer is not installed: run `npm install` first.');
  process.exit(1);
}
// The analyzer joins --outdir to the working directory, so the scratch copy stays inside the project.
const outdir = join('node_modules', '.cache', 'civic-cem');
const result = spawnSync(cem, ['analyze', '--quiet', '--outdir', outdir], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const manifest = JSON.parse(readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8'));
rmSync(join(root, outdir), { recursive: true, force: true });
// The analyzer lists modules in the order the file system yields them, which differs between clones.
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
const committedPath = join(root, 'custom-elements.json');
if (!check) {
  writeFileSync(committedPath, fresh);
  process.exit(0);
}
const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : '';
if (fresh !== committed) {
  console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
  process.exit(1);
}
console.log('custom-elements.json is current.');
