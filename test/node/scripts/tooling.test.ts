/** The machinery behind `npm test` and `npm start`: finding Chromium, and installing only when needed. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = (name: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [`scripts/${name}`], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

describe('find-chrome', () => {
  it('takes CHROME_PATH first', () => {
    const result = script('find-chrome.mjs', { CHROME_PATH: process.execPath });
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), process.execPath);
  });

  it('names a CHROME_PATH that does not exist instead of looking elsewhere', () => {
    const result = script('find-chrome.mjs', { CHROME_PATH: '/nonexistent/chrome' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /CHROME_PATH is set to \/nonexistent\/chrome, which does not exist/);
  });
});

describe('ensure-deps', () => {
  it('installs nothing when node_modules was installed from this lockfile', () => {
    const result = script('ensure-deps.mjs');
    assert.equal(result.status, 0);
    assert.doesNotMatch(result.stdout, /Installing/);
  });
});
