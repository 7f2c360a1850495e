/**
 * The demo's stand-in for the portal: it serves the demo pages under the portal's strict CSP,
 * forwards /api/ to the reference server (as a portal's reverse proxy would, so the pages call
 * their own origin), keeps the signed-in demo citizen in an HttpOnly cookie, and turns the
 * demo page's buttons into events that only a portal back end may send (it holds the service key).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { jwtVerify, SignJWT } from 'jose';
import type { DemoCitizen } from './citizens.ts';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** What the demo page's buttons do, as a portal back end would report it. */
const ACTIONS: Record<string, (n: number) => { type: string; attributes?: Record<string, string | number | boolean> }> = {
  application: (n) => ({ type: 'application.submitted', attributes: { service: ['passport', 'tax', 'car', 'school'][n % 4]!, category: 'family', documentType: ['passport', 'certificate', 'statement'][n % 3]!, complete: true } }),
  signature: (n) => ({ type: 'signature.used', attributes: { procedure: ['tax', 'car', 'property', 'pension', 'business', 'school'][n % 6]! } }),
  poll: (n) => ({ type: 'poll.voted', attributes: { poll: `city-${n}` } }),
};

interface PortalOptions {
  host: string;
  port: number;
  /** The built demo pages (dist/demo). */
  pages: string;
  api: string;
  serviceKey: string;
  jwtSecret: string;
  citizens: DemoCitizen[];
}

export async function startPortal(options: PortalOptions): Promise<{ url: string; close: () => void }> {
  const secret = new TextEncoder().encode(options.jwtSecret);
  const sign = (userId: string) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('12h').sign(secret);
  const signedIn = async (request: IncomingMessage) => {
    const token = /(?:^|;\s*)ach_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    if (!token) return undefined;
    try {
      return (await jwtVerify(token, secret)).payload.sub;
    } catch {
      return undefined;
    }
  };
  let actions = 0;

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));

  const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
    let text = '';
    for await (const chunk of request) text += chunk;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  };

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const controller = new AbortController();
    response.on('close', () => controller.abort());
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name, value]) => name !== 'host' && typeof value === 'string')) as Record<string, string>;
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : (Readable.toWeb(request) as unknown as BodyInit);
    const answer = await fetch(`${options.api}${request.url}`, { method: request.method, headers, body, signal: controller.signal, ...(body ? { duplex: 'half' } : {}) } as RequestInit).catch(() => undefined);
    if (!answer) return void (response.headersSent ? response.end() : response.writeHead(502).end());
    response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length')));
    if (answer.body) Readable.fromWeb(answer.body as WebStream).on('error', () => response.end()).pipe(response);
    else response.end();
  };

  /** Endpoints for the gallery's states that a healthy server never shows. */
  const gallery = (pathname: string, response: ServerResponse) => {
    const state = pathname.split('/')[2];
    if (state === 'loading') return; // never answers; the page's abort closes it
    if (state === 'error') return json(response, 503, { error: { code: 'unavailable', message: 'Сервис временно недоступен.' } });
    if (state === 'malformed') return response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"userId": "demo", "points": ');
    response.writeHead(404).end();
  };

  const page = (response: ServerResponse, path: string) => {
    const file = normalize(join(options.pages, path === '/' ? 'index.html' : path));
    if (!file.startsWith(options.pages)) return void response.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': STRICT_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }).end(body);
  };

  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://portal');
    if (pathname.startsWith('/api/')) return forward(request, response);
    if (pathname.startsWith('/gallery-api/')) return gallery(pathname, response);
    if (pathname === '/portal/citizens') return json(response, 200, options.citizens.map(({ userId, persona }) => ({ userId, persona })));
    if (pathname === '/portal/session' && request.method === 'GET') return json(response, 200, { userId: (await signedIn(request)) ?? null });
    if (pathname === '/portal/session' && request.method === 'POST') {
      const { userId } = await readJson(request);
      const citizen = options.citizens.find((c) => c.userId === userId);
      if (!citizen) return json(response, 404, { error: 'no such demo citizen' });
      return json(response, 200, { userId }, { 'Set-Cookie': `ach_token=${await sign(citizen.userId)}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (pathname === '/portal/session' && request.method === 'DELETE') return json(response, 200, { userId: null }, { 'Set-Cookie': 'ach_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0' });
    if (pathname === '/portal/actions' && request.method === 'POST') {
      const userId = await signedIn(request);
      if (!userId) return json(response, 401, { error: 'sign in first' });
      const make = ACTIONS[String((await readJson(request)).kind)];
      if (!make) return json(response, 400, { error: `kind is one of ${Object.keys(ACTIONS).join(', ')}` });
      const event = { id: `portal-${randomUUID()}`, userId, occurredAt: new Date().toISOString(), channel: 'web', ...make(actions++) };
      const answer = await fetch(`${options.api}/api/v1/events`, { method: 'POST', headers: { Authorization: `Bearer ${options.serviceKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ events: [event] }) });
      return json(response, answer.status, await answer.json());
    }
    if (request.method === 'GET') return page(response, pathname);
    response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
