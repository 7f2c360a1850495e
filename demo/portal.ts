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
import { extname, join, normalize, sep } from 'node:path';
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

/** What the gallery's citizens may read: what the elements read. */
const GALLERY_RESOURCES = new Set(['catalog', 'me/achievements', 'me/stream', 'rewards', 'me/redemptions', 'campaigns', 'me/recommendations', 'me/feedback', 'me/preferences']);
/** A campaign's leaderboard, read as the gallery's citizen. */
const GALLERY_LEADERBOARD = /^campaigns\/[\w-]{1,100}\/leaderboard$/;
/** What the gallery's `once` endpoint answers, once each. */
const ONCE_RESOURCES = new Set(['catalog', 'me/achievements']);
/** The gallery's citizen with no events at all (the board's empty filter). */
export const GALLERY_NEWCOMER = 'gallery-newcomer';

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

  /**
   * Forwards a request to the reference server, streaming both ways (the live stream too). The
   * gallery's endpoints name another path there and sign in a demo citizen of their own: `as`
   * replaces the page's credentials (cookie and Authorization) with that citizen's token.
   */
  const forward = async (request: IncomingMessage, response: ServerResponse, path = request.url ?? '/', as?: string) => {
    const controller = new AbortController();
    response.on('close', () => controller.abort());
    const dropped = new Set(as ? ['host', 'cookie', 'authorization'] : ['host']);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name, value]) => !dropped.has(name) && typeof value === 'string')) as Record<string, string>;
    if (as) headers.authorization = `Bearer ${await sign(as)}`;
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : (Readable.toWeb(request) as unknown as BodyInit);
    const answer = await fetch(`${options.api}${path}`, { method: request.method, headers, body, signal: controller.signal, ...(body ? { duplex: 'half' } : {}) } as RequestInit).catch(() => undefined);
    if (!answer) return void (response.headersSent ? response.end() : response.writeHead(502).end());
    response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length')));
    if (answer.body) Readable.fromWeb(answer.body as WebStream).on('error', () => response.end()).pipe(response);
    else response.end();
  };

  /**
   * The gallery's endpoints, `/gallery-api/<state>/v1/…`, each a base URL for an element's
   * `endpoint`: states that a healthy server never shows, and real demo citizens without signing in.
   */
  const gallery = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    const [, , state, ...rest] = pathname.split('/');
    if (state === 'loading') return; // never answers; the element's own timeout closes it
    if (state === 'error') return json(response, 503, { error: { code: 'unavailable', message: 'Сервис временно недоступен.' } });
    if (state === 'malformed') return response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"userId": "demo", "points": ');
    const search = new URL(request.url ?? '/', 'http://portal').search;
    // `/gallery-api/citizen/{demo|newcomer}/v1/…`: the server's answers for the first demo citizen
    // (a year of history), or for a citizen with no events at all.
    if (state === 'citizen') {
      const [who, version, ...path] = rest;
      const resource = path.join('/');
      const userId = who === 'demo' ? options.citizens[0]?.userId : who === 'newcomer' ? GALLERY_NEWCOMER : undefined;
      if (!userId || request.method !== 'GET' || version !== 'v1' || !(GALLERY_RESOURCES.has(resource) || GALLERY_LEADERBOARD.test(resource))) return void response.writeHead(404).end();
      return forward(request, response, `/api/v1/${resource}${search}`, userId);
    }
    // `/gallery-api/once/v1/…`: for each key that came with a view of the gallery (its
    // `gallery_once` cookie), the first catalog and the first state are the first demo citizen's
    // real answers. After that the network is down: the connection is dropped without an answer,
    // the live stream's included.
    if (state === 'once') {
      const [version, ...path] = rest;
      const resource = path.join('/');
      const key = /(?:^|;\s*)gallery_once=([\w-]{1,64})(?:;|$)/.exec(request.headers.cookie ?? '')?.[1];
      const userId = options.citizens[0]?.userId;
      const once = `${key}|${resource}`;
      const first = key && userId && request.method === 'GET' && version === 'v1' && ONCE_RESOURCES.has(resource) && !answeredOnce.has(once);
      if (!first) return void request.socket.destroy();
      if (answeredOnce.size >= 10_000) answeredOnce.clear();
      answeredOnce.add(once);
      return forward(request, response, `/api/v1/${resource}${search}`, userId);
    }
    response.writeHead(404).end();
  };
  const answeredOnce = new Set<string>();

  const page = (response: ServerResponse, path: string) => {
    // Each view of the gallery gets its own key for the `once` endpoint.
    const extra: Record<string, string> = path === '/gallery.html' ? { 'Set-Cookie': `gallery_once=${randomUUID()}; Path=/gallery-api/once/; HttpOnly; SameSite=Strict` } : {};
    const file = normalize(join(options.pages, path === '/' ? 'index.html' : path));
    // Inside the pages folder itself: `pages-private/…` starts with the same text but is not in it.
    if (!file.startsWith(join(options.pages, sep))) return void response.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': STRICT_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache', ...extra }).end(body);
  };

  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://portal');
    // The API, and the public share pages (whose links name this origin, ACH_PUBLIC_URL).
    if (pathname.startsWith('/api/') || pathname.startsWith('/s/')) return forward(request, response);
    if (pathname.startsWith('/gallery-api/')) return gallery(request, response, pathname);
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
