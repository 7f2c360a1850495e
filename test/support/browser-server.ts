/**
 * The reference server for browser tests: a child process that web-test-runner starts on
 * 127.0.0.1 (any free port) over a temporary SQLite file. It prints one JSON line with its URL and
 * secrets, then serves until its stdin closes (so it never outlives the test run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/server.ts';
import { testConfig } from '../node/server/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'civic-browser-server-'));
// Icon, share and service URLs relative to the page's origin, which forwards /api/ and /s/ here
// (and a strict CSP allows).
const config = testConfig(dir, { publicUrl: '' });
const running = await startServer(config, { log: false, heartbeatMs: 1000 });
process.stdout.write(`${JSON.stringify({ url: running.url, serviceKey: config.serviceKeys[0], jwtSecret: config.jwtSecret })}\n`);

const stop = async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
