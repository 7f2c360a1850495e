// The reference server for browser tests, as web-test-runner sees it: a child process
// (test/support/browser-server.ts) started on first use; a middleware that forwards /api/* (and
// the public share pages, /s/*) to it
// from the test pages' own origin (streaming, so the live stream works; no CORS involved); and the
// commands `ach-token` (a signed citizen token) and `ach-ingest` (POST /events with the service
// key), so the service key never reaches a page. The child stops with the test run.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { SignJWT } from 'jose';

export function realServer() {
  let child;
  let started;
  const ready = () =>
    (started ??= new Promise((resolve, reject) => {
      child = spawn(process.execPath, ['--import', 'tsx', 'test/support/browser-server.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.once('exit', (code) => reject(new Error(`the test server exited with ${code}`)));
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    }));

  const middleware = async (context, next) => {
    if (!context.path.startsWith('/api/') && !context.path.startsWith('/s/')) return next();
    const { url } = await ready();
    const headers = { ...context.request.headers };
    delete headers.host;
    const hasBody = !['GET', 'HEAD'].includes(context.method);
    const controller = new AbortController();
    // The response's close, not the request's: a request with a body closes once it is read.
    context.res.once('close', () => controller.abort());
    const response = await fetch(`${url}${context.url}`, {
      method: context.method,
      headers,
      body: hasBody ? Readable.toWeb(context.req) : undefined,
      duplex: hasBody ? 'half' : undefined,
      signal: controller.signal,
    }).catch(() => undefined);
    if (!response) return;
    context.status = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding') context.set(name, value);
    });
    context.body = response.body ? Readable.fromWeb(response.body) : null;
  };

  const plugin = {
    name: 'civic-real-server',
    serverStop() {
      child?.stdin.end();
    },
    async executeCommand({ command, payload }) {
      if (command === 'ach-token') {
        const { jwtSecret } = await ready();
        const { sub, expiresIn = '1h' } = payload;
        return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(jwtSecret));
      }
      if (command === 'ach-ingest') {
        const { url, serviceKey } = await ready();
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${serviceKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ events: payload.events }),
        });
        return { status: response.status, body: await response.json() };
      }
      return undefined;
    },
  };
  return { plugin, middleware };
}
