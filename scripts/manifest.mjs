// Writes custom-elements.json from the JSDoc of src/ (the element API's source of truth);
// with --check, fails when the committed file is not what the code says now.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
// The analyzer joins --outdir to the working directory, so the scratch copy stays inside the project.
const outdir = check ? join('node_modules', '.cache', 'civic-cem') : '.';
const result = spawnSync(join(root, 'node_modules', '.bin', 'cem'), ['analyze', '--quiet', '--outdir', outdir], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
if (check) {
  const fresh = readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8');
  const committedPath = join(root, 'custom-elements.json');
  const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : '';
  rmSync(join(root, outdir), { recursive: true, force: true });
  if (fresh !== committed) {
    console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
    process.exit(1);
  }
  console.log('custom-elements.json is current.');
}
