/**
 * `npm run bench:elements`: in headless Chromium, `<achievement-board>` with 200 achievements —
 * its first render (to layout), against a static innerHTML of the same markup into a shadow root
 * with the same styles, measured in the same page, alternating; and one achievement's progress
 * change, with the number of cards whose DOM it touched. The page is built with Vite from
 * bench/elements/. Speed is printed, never asserted: see BENCHMARKS.md. BENCH_TRIALS (15).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { findChrome } from '../scripts/find-chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRIALS = Number(process.env.BENCH_TRIALS ?? 15);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'civic-bench-elements-'));
await build({ root: join(ROOT, 'bench/elements'), configFile: false, logLevel: 'warn', publicDir: false, build: { outDir: dir, emptyOutDir: true, target: 'es2022' } });
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const file = normalize(join(dir, path === '/' ? 'index.html' : path));
  let body: Buffer;
  try {
    if (!file.startsWith(dir)) throw new Error('outside');
    body = readFileSync(file);
  } catch {
    return void response.writeHead(404).end();
  }
  response.writeHead(200, { 'Content-Type': extname(file) === '.html' ? 'text/html; charset=utf-8' : 'text/javascript' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?trials=${TRIALS}`;

const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const cpu = cpus();
  console.log(`civic-achievements elements benchmark — ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${await browser.version()}`);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  const handle = await page.waitForFunction(() => window.benchResult, { timeout: 120_000, polling: 200 });
  const result = (await handle.jsonValue()) as { board: number[]; static: number[]; update: number[]; cardsTouched: number[] };
  const board = median(result.board);
  const baseline = median(result.static);
  console.log(`\n<achievement-board> with 200 achievements, ${TRIALS} trials (after one untimed):\n`);
  console.log('| figure | result | target |\n| --- | --- | --- |');
  console.log(`| first render, to layout | median **${board.toFixed(1)} ms** (${range(result.board)}) | — |`);
  console.log(`| the same markup by innerHTML (baseline) | median ${baseline.toFixed(1)} ms (${range(result.static)}) | — |`);
  console.log(`| ratio | **${(board / baseline).toFixed(2)}×** the static baseline | ≤ 1.5× |`);
  console.log(`| one achievement's progress changes | median ${median(result.update).toFixed(2)} ms (${range(result.update)}) | — |`);
  console.log(`| cards whose DOM that change touched | ${[...new Set(result.cardsTouched)].join(', ')} | 1 |`);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
