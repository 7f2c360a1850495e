// `npm start`: installs what is missing, then runs the demo.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureDependencies();
const result = spawnSync(process.execPath, ['--import', 'tsx', 'demo/terminal.ts'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
