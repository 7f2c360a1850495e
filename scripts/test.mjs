// `npm test`: installs what is missing, then runs every check and ends with one summary line.
// Each check is a step; a step's tests are counted when its runner reports them, otherwise the
// step itself counts as one passed or failed check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { findChrome } from './find-chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'civic-test-'));
const only = process.argv.slice(2);
const results = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function filesUnder(dir, suffix) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))
    .sort();
}

function step(name, body) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n▶ ${name}`);
  const outcome = body();
  const counts = typeof outcome === 'object' ? outcome : { passed: outcome ? 1 : 0, failed: outcome ? 0 : 1 };
  results.push({ name, ...counts });
}

ensureDependencies();

step('types', () => run(bin('tsc'), ['-p', 'tsconfig.json']) && run(bin('tsc'), ['-p', 'tsconfig.engine.json']));

step('lint', () => run(bin('eslint'), ['--max-warnings', '0', '.']));

step('node', () => {
  const tap = join(scratch, 'node.tap');
  const files = filesUnder('test/node', '.test.ts');
  const ok = run(process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (ok || count('fail') ? 0 : 1);
  return { passed, failed };
});

step('build', () => run(bin('vite'), ['build', '--logLevel', 'warn']));

step('budget', () => run(process.execPath, ['scripts/budget.mjs']));

step('browser', () => {
  let chrome;
  try {
    chrome = findChrome();
  } catch (error) {
    console.error(error.message);
    return false;
  }
  const counts = join(scratch, 'browser.json');
  const ok = run(bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chrome,
    CIVIC_TEST_COUNTS: counts,
  });
  const { passed = 0, failed = 0 } = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : {};
  return { passed, failed: failed + (ok || failed ? 0 : 1) };
});

step('manifest', () => run(process.execPath, ['scripts/manifest.mjs', '--check']));

rmSync(scratch, { recursive: true, force: true });

console.log('\nSummary');
for (const { name, passed, failed } of results) {
  console.log(`  ${failed ? '✗' : '✓'} ${name.padEnd(9)} ${passed} passed, ${failed} failed`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
