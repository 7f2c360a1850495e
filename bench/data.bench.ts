/**
 * `npm run bench:data`: in headless Chromium, the time from an element's connection to the
 * first frame painted with the citizen's achievements, while every API answer is held back 3 s:
 * - cold: the cache emptied first, so the content waits for the network (the baseline);
 * - warm: the same page again, painted from the IndexedDB cache while the network is slow.
 * Both are measured in the same run, alternating, over the real reference server (a child
 * process on loopback over a temporary SQLite file) behind a delaying proxy. The page is built
 * with Vite (bench/data/), as a page author's bundler would build it. Speed is printed, never
 * asserted: see BENCHMARKS.md. Environment: BENCH_TRIALS (7), BENCH_DELAY_MS (3000).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { findChrome } from '../scripts/find-chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRIALS = Number(process.env.BENCH_TRIALS ?? 7);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 3000);
const TARGET_MS = 100;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms`;

async function startReferenceServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/browser-server.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const info = JSON.parse(line) as { url: string; serviceKey: string; jwtSecret: string };
  return { ...info, stop: () => child.stdin!.end() };
}

/** The built page, and /api/* forwarded to the reference server after DELAY_MS. */
function startPageServer(dir: string, api: string) {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const held = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      const timer = setTimeout(async () => {
        held.delete(timer);
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host')) as Record<string, string>;
        const answer = await fetch(`${api}${url.pathname}${url.search}`, { headers }).catch(() => undefined);
        if (!answer) return void response.writeHead(502).end();
        response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length')));
        if (answer.body) Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(response);
        else response.end();
      }, DELAY_MS);
      held.add(timer);
      return;
    }
    const file = normalize(join(dir, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(dir)) return void response.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
  });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => {
      held.forEach(clearTimeout);
      server.close();
      server.closeAllConnections();
    } })),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'civic-bench-data-'));
await build({ root: join(ROOT, 'bench/data'), configFile: false, logLevel: 'warn', publicDir: false, build: { outDir: dir, emptyOutDir: true, target: 'es2022' } });
const reference = await startReferenceServer();
const pages = await startPageServer(dir, reference.url);

// A citizen with a year of history: something to show.
const userId = 'bench-citizen';
const year = Date.now() - 360 * 86_400_000;
const events = [
  { id: 'b-0', userId, type: 'profile.verified', occurredAt: new Date(year).toISOString() },
  ...Array.from({ length: 60 }, (_, i) => ({ id: `b-${i + 1}`, userId, type: 'application.submitted', occurredAt: new Date(year + (i + 1) * 6 * 86_400_000).toISOString(), attributes: { service: `s${i % 7}`, category: 'family', documentType: `d${i % 4}`, complete: true } })),
];
const ingest = await fetch(`${reference.url}/api/v1/events`, { method: 'POST', headers: { Authorization: `Bearer ${reference.serviceKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ events }) });
if (!ingest.ok) throw new Error(`seeding failed: ${ingest.status} ${await ingest.text()}`);
const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setExpirationTime('1h').sign(new TextEncoder().encode(reference.jwtSecret));

const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const cpu = cpus();
console.log(`civic-achievements data-layer benchmark — ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${await browser.version()}`);
console.log(`Every API answer is held back ${DELAY_MS} ms; ${TRIALS} trials, cold and warm alternating.\n`);

const cold: number[] = [];
const warm: number[] = [];
try {
  const page = await browser.newPage();
  const visit = async (query: string) => {
    await page.goto(`${pages.url}/?token=${token}${query}`);
    const handle = await page.waitForFunction(() => window.firstContent, { timeout: DELAY_MS * 4 + 10_000 });
    return (await handle.jsonValue()) as { ms: number; status: string };
  };
  await visit('&clear'); // warms the browser's own caches of the page and the modules
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const first = await visit('&clear');
    const again = await visit('');
    if (first.status !== 'ready' || again.status !== 'stale') throw new Error(`unexpected states: cold ${first.status}, warm ${again.status}`);
    cold.push(first.ms);
    warm.push(again.ms);
    console.log(`  trial ${trial + 1}: cold ${first.ms.toFixed(1)} ms (${first.status}), warm ${again.ms.toFixed(1)} ms (${again.status} from the cache)`);
  }
} finally {
  await browser.close();
  pages.close();
  reference.stop();
  rmSync(dir, { recursive: true, force: true });
}

const warmMedian = median(warm);
const coldMedian = median(cold);
console.log(`\n| figure | result | target |\n| --- | --- | --- |`);
console.log(`| first content, warm cache, network held ${DELAY_MS} ms | median **${warmMedian.toFixed(1)} ms** (${range(warm)}) | ≤ ${TARGET_MS} ms |`);
console.log(`| first content, no cache (baseline) | median ${coldMedian.toFixed(1)} ms (${range(cold)}) | — |`);
console.log(`| ratio | the cache paints ${(coldMedian / warmMedian).toFixed(0)}× sooner | — |`);
console.log(`\nWarm ≤ ${TARGET_MS} ms: ${warmMedian <= TARGET_MS ? 'met' : 'NOT met'}.`);
