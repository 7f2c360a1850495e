// Finds Chrome/Chromium for the browser tests; installs Debian's chromium when running as root on
// Debian and none is found. Elsewhere it says what to install. Plain Node: no dependencies here.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function found() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist.`);
  }
  return candidates.find((path) => existsSync(path));
}

export function findChrome() {
  const path = found();
  if (path) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get')) {
    console.log('No Chrome/Chromium found: installing Debian\'s chromium (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
      const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
    }
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(
    'The browser tests need Chrome or Chromium. Install one (Debian/Ubuntu: `apt-get install chromium`) ' +
      'or set CHROME_PATH to its executable.',
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) console.log(findChrome());
