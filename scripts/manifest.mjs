// Writes custom-elements.json from the JSDoc of src/ (the element API's source of truth);
// with --check, fails when the committed file is not what the code says now. Either way it fails
// when the manifest describes an element badly (see manifestProblems).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One naming scheme for every event (README: `achievement-<verb>`). */
const EVENT_NAME = /^achievement-[a-z]+(-[a-z]+)*$/;
/** An event dispatched under a literal name: `new CustomEvent('x'` or `new CustomEvent<T>('x'`. */
const DISPATCH = /new CustomEvent(?:<[^(]*?>)?\(\s*(['"`])([^'"`]+)\1/g;

/** The element sources of a module's folder (not tests, not styles), joined. */
function folderSource(modulePath) {
  const dir = join(root, dirname(modulePath));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.styles.ts'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/**
 * What is wrong with the manifest's elements, in words; empty when nothing is. Every element has a
 * tag and a summary; every event is named `achievement-…` and documented with @fires; the @fires
 * list is what the element's folder dispatches (by a literal name), plus what an element it renders
 * fires and lets bubble out (e.g. `achievement-share` from a card's `<achievement-share>`).
 * `readSource` (module path → its folder's source) is for tests.
 */
export function manifestProblems(manifest, readSource = folderSource) {
  const problems = [];
  const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement).map((d) => ({ mod, d })));
  const firedBy = new Map(elements.map(({ d }) => [d.tagName, new Set((d.events ?? []).map((e) => e.name))]));
  for (const { mod, d } of elements) {
    const where = `${d.tagName ?? d.name} (${mod.path})`;
    if (!d.tagName) problems.push(`${where}: no @tagname`);
    if (!d.summary?.trim()) problems.push(`${where}: no @summary`);
    const source = readSource(mod.path);
    const dispatched = new Set([...source.matchAll(DISPATCH)].map((m) => m[2]));
    const listed = new Set();
    for (const event of d.events ?? []) {
      listed.add(event.name);
      if (!EVENT_NAME.test(event.name ?? '')) problems.push(`${where}: event "${event.name}" is not named achievement-<verb> (an event dispatched under a variable's name?)`);
      if (!event.description?.trim()) problems.push(`${where}: event "${event.name}" is dispatched but not documented with @fires`);
      const forwarded = [...firedBy].some(([tag, events]) => tag !== d.tagName && events.has(event.name) && source.includes(`<${tag}`));
      if (!dispatched.has(event.name) && !forwarded) problems.push(`${where}: @fires ${event.name}, but neither it nor an element it renders dispatches it`);
    }
    for (const name of dispatched) if (!listed.has(name)) problems.push(`${where}: dispatches "${name}", which the manifest does not list`);
  }
  return problems;
}

function main() {
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
  const problems = manifestProblems(manifest);
  if (!check) writeFileSync(committedPath, fresh);
  if (problems.length) {
    console.error(`custom-elements.json describes the elements badly:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (!check) process.exit(0);
  const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : '';
  if (fresh !== committed) {
    console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
    process.exit(1);
  }
  console.log('custom-elements.json is current, and every element has its summary and its events.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
