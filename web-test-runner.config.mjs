// Browser tests in real headless Chromium (Debian's, or CHROME_PATH). Bound to loopback only.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { realServer } from './test/support/real-server.mjs';
import { serviceWorkerTestMiddleware } from './src/data/worker/test-middleware.mjs';

const server = realServer();

/** msw's worker, served from the installed package so it always matches the msw version. */
const MSW_WORKER = '/node_modules/msw/lib/mockServiceWorker.js';
function mswWorker(context, next) {
  if (context.path === '/mockServiceWorker.js') context.path = MSW_WORKER;
  return next();
}

/** The portal's strict policy (issue 5), on the pages under test/browser/csp/. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
async function strictCsp(context, next) {
  await next();
  if (!context.path.startsWith('/test/browser/csp/') || !context.path.endsWith('.html')) return;
  // ?policy=duplicates: a portal whose pages carry another copy of Lit (README, "Strict CSP").
  context.set('Content-Security-Policy', context.query.policy === 'duplicates' ? `${STRICT_CSP} 'allow-duplicates'` : STRICT_CSP);
}

/** Writes passed/failed counts for scripts/test.mjs's summary line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite.tests) counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        suite.suites.forEach(visit);
      };
      for (const session of sessions) {
        if (session.testResults) visit(session.testResults);
        if (session.errors?.length) counts.failed += 1; // a file that failed to load counts once
      }
      if (process.env.CIVIC_TEST_COUNTS) writeFileSync(process.env.CIVIC_TEST_COUNTS, JSON.stringify(counts));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts', 'src/**/*.test.ts'],
  hostname: '127.1',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [strictCsp, mswWorker, server.middleware, serviceWorkerTestMiddleware],
  // a11ySnapshot: tests read names from Chromium's accessibility tree, not from a hand-written guess.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), server.plugin, a11ySnapshotPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
