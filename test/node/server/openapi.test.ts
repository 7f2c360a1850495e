/**
 * Keeps the OpenAPI document true: the document is a valid OpenAPI 3.1 description, every path in
 * it is served, and real responses — varied, realistic data — conform to the schemas it declares
 * for their path, method, status and content type.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { createApp } from '../../../server/app.ts';
import { parseTime } from '../../../src/engine/index.ts';
import type { SseMessage, TestServer } from './helpers.ts';
import { ADMIN_KEY, SERVICE_KEY, event, openStream, startTestServer, token } from './helpers.ts';

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, { schema?: { type?: string } }>;
}
interface Operation {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}
/** swagger-parser's own document type (from openapi-types, which it does not re-export). */
type ApiDocument = NonNullable<Parameters<SwaggerParser.ApiCallback>[1]>;
interface OpenApiDocument {
  openapi: string;
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** The server's clock: mid-month, so "this month" has room for events before it. */
const NOW = Date.parse('2025-06-18T12:00:00Z');
const day = (d: number, hour = 6) => `2025-06-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** A valid value for each path parameter the document names (share ids are made as needed). */
const PATH_PARAMETERS: Record<string, string> = { file: 'registered.svg', campaignId: 'winter-marathon-2026', achievementId: 'registered' };
/** Headers an operation requires besides credentials and Content-Type. */
const REQUEST_HEADERS: Record<string, () => Record<string, string>> = { '/me/redemptions': () => ({ 'Idempotency-Key': randomUUID() }) };
/** A valid body for each operation that takes one. */
const REQUEST_BODIES: Record<string, () => unknown> = {
  '/events': () => ({ events: [event('walker', 'profile.verified', '2025-01-01T00:00:00Z')] }),
  '/me/shares': () => ({ achievementId: 'registered' }),
  '/me/redemptions': () => ({ rewardId: 'personal-recommendations' }),
  '/me/feedback/{achievementId}': () => ({ rating: 4, comment: 'Полезно' }),
  '/me/preferences': () => ({ gamification: true }),
};

/** RFC 3339 date-time with an offset, as the engine reads it. */
const isDateTime = (text: string) => !Number.isNaN(parseTime(text));
/** An absolute URL. */
const isUri = (text: string) => {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
};

let doc: OpenApiDocument;
let ajv: Ajv2020;

/** Loads the document the server serves and registers it with ajv (once per file). */
async function loadDocument(server: TestServer): Promise<void> {
  if (doc) return;
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  doc = (await response.json()) as OpenApiDocument;
  // Strict, so that a misspelt keyword in a schema (additionalProperty, minimun) fails here rather
  // than silently allowing anything; the OpenAPI words around and inside the schemas are declared.
  ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'webhooks', 'security', 'tags', 'externalDocs', 'jsonSchemaDialect', 'discriminator', 'xml', 'example']);
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('uri', { type: 'string', validate: isUri });
  ajv.addSchema(doc, 'openapi');
}

function errorText(errors: ErrorObject[] | null | undefined): string {
  return `${ajv.errorsText(errors, { separator: '; ' })}\n${(errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n')}`;
}

function validateAt(ref: string, value: unknown, label: string): void {
  const validate = ajv.getSchema(ref);
  assert.ok(validate, `the document has no schema at ${ref}`);
  assert.ok(validate(value), `${label} does not conform: ${errorText(validate.errors)}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
}

/** Asserts that `value` conforms to components.schemas[schemaName]. */
function conforms(schemaName: string, value: unknown): void {
  assert.ok(doc.components.schemas[schemaName], `the document has no schema ${schemaName}`);
  validateAt(`openapi#/components/schemas/${schemaName}`, value, schemaName);
}

/** The path a document path is served under: /api/v1, or the root for what declares its own server (/s/, /healthz). */
function basePath(item: Record<string, unknown>): string {
  const servers = (item as { servers?: OpenApiDocument['servers'] }).servers ?? doc.servers;
  return new URL(servers[0]!.url).pathname.replace(/\/$/, '');
}

const pointerPart = (part: string) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));

function operationOf(path: string, method: string): Operation {
  const operation = doc.paths[path]?.[method];
  assert.ok(operation, `the document has no ${method.toUpperCase()} ${path}`);
  return operation;
}

/**
 * Asserts that a real response is one the document declares for this operation: its status, its
 * content type, its declared headers, and its body against the declared schema. Returns the body
 * (parsed when JSON). With `readBody: false` (an event stream) the body is left alone.
 */
async function checkResponse(path: string, method: string, response: Response, { readBody = true } = {}): Promise<unknown> {
  const label = `${method.toUpperCase()} ${path} ${response.status}`;
  const operation = operationOf(path, method);
  const declared = operation.responses[String(response.status)];
  assert.ok(declared, `${label}: the document declares only ${Object.keys(operation.responses).join(', ')}`);
  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    const value = response.headers.get(name);
    assert.ok(value !== null, `${label}: the declared header ${name} is missing`);
    if (header.schema?.type === 'integer') assert.match(value, /^-?\d+$/, `${label}: ${name} is not an integer`);
  }
  if (!declared.content) {
    assert.equal(await response.text(), '', `${label}: the document declares no content`);
    return undefined;
  }
  const mime = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const media = declared.content[mime];
  assert.ok(media, `${label}: content type "${mime}" is not one of ${Object.keys(declared.content).join(', ')}`);
  if (!readBody) return undefined;
  const text = await response.text();
  if (!/^application\/(.+\+)?json$/.test(mime)) return text;
  const body: unknown = JSON.parse(text);
  if (media.schema) {
    const pointer = ['paths', path, method, 'responses', String(response.status), 'content', mime, 'schema'].map(pointerPart).join('/');
    validateAt(`openapi#/${pointer}`, body, label);
  }
  return body;
}

interface View {
  id: string;
  state: string;
  title?: string;
  description?: string;
  tier?: number;
  nextTier?: unknown;
  streak?: { nextMarkAt?: string };
  progress: { windowEndsAt?: string; missing?: unknown[]; spoiled?: boolean; parts?: unknown[] };
}
interface Me {
  userId: string;
  verified: boolean;
  level: { nextMinPoints?: number };
  achievements: View[];
}
interface Ingested {
  accepted: number;
  unlocked: Array<{ achievementId: string; tier?: number }>;
}

describe('the OpenAPI document', () => {
  let server: TestServer;
  let zoe: string;
  let logins: Response;
  /** Posts a batch the document's request schema accepts. */
  const post = (events: unknown[]) => {
    conforms('EventBatch', { events });
    return server.post(events);
  };
  /** Asks for a share link with a body the document's request schema accepts. */
  const createShare = (auth: string, body: Record<string, unknown>) => {
    conforms('ShareRequest', body);
    return fetch(`${server.url}/api/v1/me/shares`, { method: 'POST', headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  };
  before(async () => {
    // Short heartbeats: a closed stream's pending heartbeat timer outlives it by up to this long.
    server = await startTestServer({}, { now: () => NOW, heartbeatMs: 200 });
    await loadDocument(server);
    zoe = await token('zoe');
    const verified = await post([event('zoe', 'profile.verified', '2024-01-05T09:00:00Z')]);
    assert.equal(verified.status, 200, await verified.text());
    // Seven days in a row in the mobile app, up to today: tier 1 of daily-mobile.
    logins = await post([12, 13, 14, 15, 16, 17, 18].map((d) => event('zoe', 'app.login', day(d), { channel: 'mobile' })));
    const rest = await post([
      // Only the phone: contacts-confirmed misses the e-mail.
      event('zoe', 'contact.confirmed', day(1), { channel: 'web', attributes: { kind: 'phone' } }),
      // One of four alerts: notification-master shows its two parts.
      event('zoe', 'notification.enabled', day(2), { channel: 'mobile', attributes: { kind: 'status' } }),
      // Applications in May and June: tenure runs two months, regular-user counts in June's window.
      event('zoe', 'application.submitted', '2025-05-20T10:00:00+03:00', { channel: 'office', attributes: { documentType: 'passport', category: 'identity' } }),
      event('zoe', 'application.submitted', day(3), { channel: 'web', attributes: { documentType: 'passport', category: 'identity' } }),
      event('zoe', 'application.submitted', day(4), { channel: 'mobile', attributes: { documentType: 'license', category: 'transport' } }),
      // A fine paid on the web spoils mobile-pro for June.
      event('zoe', 'fine.paid', day(5), { channel: 'web', attributes: { amount: 500 } }),
      event('zoe', 'fine.paid', day(6), { channel: 'mobile', attributes: { amount: 1500.5 } }),
      // Done in five hours: the hidden express achievement.
      event('zoe', 'application.completed', day(7), { channel: 'web', attributes: { processingHours: 5, complete: true } }),
    ]);
    assert.equal(rest.status, 200, await rest.text());
  });
  after(() => server.stop());

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as unknown as ApiDocument);
  });

  it('serves every path it documents', async () => {
    const citizen = await token('walker');
    // Verified, and enough points for the cheapest reward (POST /me/redemptions).
    await post([event('walker', 'profile.verified', '2025-01-01T00:00:00Z'), ...[1, 2, 3, 4, 5].map((h) => event('walker', 'application.submitted', `2025-01-02T0${h}:00:00Z`))]);
    /** One of walker's shares; a DELETE gets one of its own to withdraw (a new name, a new link). */
    const shareOf = async (method: string) => {
      const response = await createShare(citizen, { achievementId: 'registered', ...(method === 'delete' ? { displayName: `withdrawn ${Math.random()}` } : {}) });
      return new URL(((await response.json()) as { url: string }).url).pathname.split('/')[2]!;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      const base = basePath(item);
      for (const method of METHODS.filter((m) => m in item)) {
        const operation = item[method]!;
        const values: Record<string, string> = { ...PATH_PARAMETERS, ...(path.includes('{shareId}') ? { shareId: await shareOf(method) } : {}) };
        const url = `${server.url}${base}${path.replace(/\{(\w+)\}/g, (_, name: string) => {
          assert.ok(values[name], `no example value for the path parameter ${name}`);
          return values[name];
        })}`;
        const schemes = new Set((operation.security ?? []).flatMap((requirement) => Object.keys(requirement)));
        const headers: Record<string, string> = REQUEST_HEADERS[path]?.() ?? {};
        if (schemes.has('serviceKey')) headers.Authorization = `Bearer ${SERVICE_KEY}`;
        else if (schemes.has('adminKey')) headers.Authorization = `Bearer ${ADMIN_KEY}`;
        else if (schemes.has('citizenToken')) headers.Authorization = `Bearer ${citizen}`;
        let body: string | undefined;
        if (operation.requestBody) {
          assert.ok(REQUEST_BODIES[path], `no example body for ${path}`);
          headers['Content-Type'] = Object.keys(operation.requestBody.content)[0]!;
          body = JSON.stringify(REQUEST_BODIES[path]());
        }
        const controller = new AbortController();
        try {
          const response = await fetch(url, { method: method.toUpperCase(), headers, signal: controller.signal, ...(body ? { body } : {}) });
          assert.ok(response.status >= 200 && response.status < 300, `${method.toUpperCase()} ${path}: ${response.status}`);
          await checkResponse(path, method, response, { readBody: response.headers.get('content-type') !== 'text/event-stream' });
          if (schemes.size) {
            // The same without credentials: a declared 401 with an Error.
            const anonymous = { ...headers };
            delete anonymous.Authorization;
            const refused = await fetch(url, { method: method.toUpperCase(), headers: anonymous, ...(body ? { body } : {}) });
            assert.equal(refused.status, 401, `${method.toUpperCase()} ${path} without credentials`);
            await checkResponse(path, method, refused);
          }
        } finally {
          controller.abort();
        }
      }
    }
  });

  it('declares the 403 of every change a cookie signs in from another site’s page, and answers it', async () => {
    const cookie = `ach_token=${await token('walker')}`;
    const refused: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['post', 'put', 'patch', 'delete'].filter((m) => m in item)) {
        const operation = item[method]!;
        if (!(operation.security ?? []).some((requirement) => 'citizenCookie' in requirement)) continue;
        const url = `${server.url}${basePath(item)}${path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_PARAMETERS[name] ?? 'A'.repeat(22))}`;
        const headers: Record<string, string> = { ...REQUEST_HEADERS[path]?.(), Cookie: cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
        if (operation.requestBody) headers['Content-Type'] = 'application/json';
        const body = operation.requestBody ? JSON.stringify(REQUEST_BODIES[path]!()) : undefined;
        const response = await fetch(url, { method: method.toUpperCase(), headers, ...(body ? { body } : {}) });
        assert.equal(response.status, 403, `${method.toUpperCase()} ${path}`);
        const answer = (await checkResponse(path, method, response)) as { error: { code: string } };
        assert.equal(answer.error.code, 'forbidden');
        refused.push(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.equal(refused.length, 7, refused.join(', '));
  });

  it('documents every route it serves', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${basePath(item)}${path}`)));
    const served = createApp(server.context)
      // Middleware (on every method, or on a wildcard path) is not an endpoint.
      .routes.filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    assert.ok(served.includes('GET /healthz'));
    assert.deepEqual(served.filter((route) => !documented.has(route)), [], 'served but not in the document');
  });

  describe('POST /events', () => {
    it('answers IngestResult, with a tier for a tiered unlock', async () => {
      assert.equal(logins.status, 200);
      const result = (await checkResponse('/events', 'post', logins)) as Ingested;
      conforms('IngestResult', result);
      assert.equal(result.accepted, 7);
      assert.deepEqual(result.unlocked.map((u) => [u.achievementId, u.tier]), [['daily-mobile', 1]]);
    });

    it('answers duplicates and several unlocks in one result', async () => {
      const events = [event('xena', 'profile.verified', '2025-02-01T09:00:00Z'), event('xena', 'application.submitted', '2025-02-02T09:00:00+03:00', { channel: 'web' })];
      const result = (await checkResponse('/events', 'post', await post([...events, events[0]]))) as Ingested & { duplicates: number };
      assert.deepEqual([result.accepted, result.duplicates, result.unlocked.length], [2, 1, 2]);
      const again = (await checkResponse('/events', 'post', await post(events))) as Ingested & { duplicates: number };
      assert.deepEqual([again.accepted, again.duplicates, again.unlocked], [0, 2, []]);
    });

    it('answers 400, 401, 413 and 415 with an Error', async () => {
      const invalid = { ...event('xena', 'poll.voted', '2025-01-11T09:00:00Z'), channel: 'fax' };
      assert.equal(ajv.getSchema('openapi#/components/schemas/EventBatch')!({ events: [invalid] }), false, 'the document rejects the invalid event too');
      const reserved = { ...event('xena', 'poll.voted', '2025-01-11T09:00:00Z'), attributes: { constructor: 'x' } };
      assert.equal(ajv.getSchema('openapi#/components/schemas/EventBatch')!({ events: [reserved] }), false, 'and an attribute with a reserved name');
      assert.equal((await server.post([reserved])).status, 400);
      const errors: Array<[string, Response, number]> = [
        ['invalid JSON', await server.post(null, { body: '{"events": [' }), 400],
        ['an invalid event', await server.post([invalid]), 400],
        ['a future event', await server.post([event('xena', 'app.login', new Date(NOW + 3_600_000).toISOString())]), 400],
        ['no key', await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"events":[]}' }), 401],
        ['a wrong key', await server.post([event('xena', 'app.login', day(1))], { key: 'not-the-key' }), 401],
        ['a 2 MB body', await server.post(null, { body: JSON.stringify({ events: [], padding: 'x'.repeat(2 * 1024 * 1024) }) }), 413],
        ['a form', await server.post(null, { contentType: 'application/x-www-form-urlencoded', body: 'events=1' }), 415],
      ];
      for (const [label, response, status] of errors) {
        assert.equal(response.status, status, label);
        if (status === 413) assert.equal(response.headers.get('connection'), 'close');
        const body = (await checkResponse('/events', 'post', response)) as { error: { code: string; details?: unknown } };
        conforms('Error', body);
        if (label === 'an invalid event') assert.ok(body.error.details, 'an invalid event names its issues in details');
      }
    });
  });

  describe('GET /catalog', () => {
    for (const language of ['ru', 'en'] as const) {
      it(`answers a Catalog in ${language}`, async () => {
        const response = await fetch(`${server.url}/api/v1/catalog`, { headers: { 'Accept-Language': language } });
        assert.equal(response.status, 200);
        const etag = response.headers.get('etag')!;
        const catalog = (await checkResponse('/catalog', 'get', response)) as { language: string; achievements: Array<{ hidden: boolean; tiers?: unknown[]; unit?: unknown }> };
        conforms('Catalog', catalog);
        assert.equal(catalog.language, language);
        assert.ok(catalog.achievements.some((a) => a.hidden));
        assert.ok(catalog.achievements.some((a) => a.tiers));
        assert.ok(catalog.achievements.some((a) => a.unit));
        const unchanged = await fetch(`${server.url}/api/v1/catalog`, { headers: { 'Accept-Language': language, 'If-None-Match': etag } });
        assert.equal(unchanged.status, 304);
        await checkResponse('/catalog', 'get', unchanged);
      });
    }
  });

  describe('GET /icons/{file}', () => {
    it('serves an icon as image/svg+xml, and a 404 Error for an unknown one', async () => {
      const icon = await fetch(`${server.url}/api/v1/icons/registered.svg`);
      assert.equal(icon.status, 200);
      assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
      assert.match((await checkResponse('/icons/{file}', 'get', icon)) as string, /<svg/);
      for (const file of ['no-such-icon.svg', 'Registered.svg']) {
        const missing = await fetch(`${server.url}/api/v1/icons/${file}`);
        assert.equal(missing.status, 404, file);
        conforms('Error', await checkResponse('/icons/{file}', 'get', missing));
      }
    });
  });

  describe('GET /me/achievements', () => {
    let me: Me;
    let byId: Map<string, View>;
    before(async () => {
      const response = await server.me(zoe);
      assert.equal(response.status, 200);
      me = (await checkResponse('/me/achievements', 'get', response)) as Me;
      byId = new Map(me.achievements.map((a) => [a.id, a]));
    });

    it('answers MyAchievements', () => {
      conforms('MyAchievements', me);
      assert.equal(me.userId, 'zoe');
      assert.equal(me.verified, true);
      assert.equal(typeof me.level.nextMinPoints, 'number');
    });

    it('shows every shape at once, each conforming on its own', () => {
      const shapes: Array<[string, (a: View) => boolean]> = [
        ['registered unlocked', (a) => a.id === 'registered' && a.state === 'unlocked'],
        ['in progress', (a) => a.state === 'in_progress'],
        ['locked', (a) => a.state === 'locked'],
        ['a reached tier with the next one', (a) => a.id === 'daily-mobile' && a.state === 'unlocked' && a.tier === 1 && a.nextTier !== undefined],
        ['a streak with its next mark', (a) => a.id === 'daily-mobile' && a.streak?.nextMarkAt !== undefined],
        ['a running tenure streak', (a) => a.id === 'tenure' && a.state === 'in_progress' && a.streak !== undefined],
        ['an all-of with parts', (a) => a.id === 'notification-master' && a.progress.parts?.length === 2],
        ['another all-of with parts', (a) => a.id === 'permanent-user' && a.progress.parts?.length === 2],
        ['an every with missing values', (a) => a.id === 'contacts-confirmed' && JSON.stringify(a.progress.missing) === '["email"]'],
        ['a window that ends', (a) => a.id === 'regular-user' && a.state === 'in_progress' && a.progress.windowEndsAt !== undefined],
        ['a spoiled share', (a) => a.id === 'mobile-pro' && a.progress.spoiled === true],
        ['an earned secret with its title', (a) => a.id === 'express' && a.state === 'unlocked' && a.title === 'Экспресс‑оформление' && a.description !== undefined],
        ['an unearned secret without one', (a) => a.id === 'digital-transformation' && a.state === 'locked' && a.title === undefined],
      ];
      for (const [label, test] of shapes) assert.ok(me.achievements.some(test), `no achievement shows ${label}: ${JSON.stringify([...byId.values()])}`);
      for (const achievement of me.achievements) conforms('MyAchievement', achievement);
    });

    it('answers MyAchievements in English, for a citizen with nothing yet, and 304 when unchanged', async () => {
      const english = await server.me(zoe, { 'Accept-Language': 'en' });
      const body = (await checkResponse('/me/achievements', 'get', english)) as Me;
      assert.equal(body.achievements.find((a) => a.id === 'express')?.title, 'Express processing');
      const nobody = (await checkResponse('/me/achievements', 'get', await server.me(await token('nobody')))) as Me;
      assert.equal(nobody.verified, false);
      assert.ok(nobody.achievements.every((a) => a.state === 'locked'));
      const again = await server.me(zoe, { 'If-None-Match': english.headers.get('etag')!, 'Accept-Language': 'en' });
      assert.equal(again.status, 304);
      await checkResponse('/me/achievements', 'get', again);
    });
  });

  describe('POST /me/shares and DELETE /me/shares/{shareId}', () => {
    it('answers a Share, 201 for a new link and 200 for the same again', async () => {
      const created = await createShare(zoe, { achievementId: 'express', displayName: 'Зоя' });
      assert.equal(created.status, 201);
      const share = (await checkResponse('/me/shares', 'post', created)) as { url: string };
      conforms('Share', share);
      const again = await createShare(zoe, { achievementId: 'express', displayName: 'Зоя' });
      assert.equal(again.status, 200);
      assert.deepEqual(await checkResponse('/me/shares', 'post', again), share);
    });

    it('answers 400, 401, 403, 404, 413 and 415 with an Error', async () => {
      const raw = (body: string, headers: Record<string, string> = { Authorization: `Bearer ${zoe}`, 'Content-Type': 'application/json' }) =>
        fetch(`${server.url}/api/v1/me/shares`, { method: 'POST', headers, body });
      const invalid = { achievementId: 'express', displayName: '' };
      assert.equal(ajv.getSchema('openapi#/components/schemas/ShareRequest')!({ achievementId: 'express', extra: true }), false, 'the document rejects an unknown field too');
      const errors: Array<[string, Response, number]> = [
        ['an empty name', await raw(JSON.stringify(invalid)), 400],
        ['invalid JSON', await raw('{"achievementId":'), 400],
        ['no token', await raw('{"achievementId":"express"}', { 'Content-Type': 'application/json' }), 401],
        ['not earned', await createShare(zoe, { achievementId: 'e-signer' }), 403],
        ['no such achievement', await createShare(zoe, { achievementId: 'no-such-achievement' }), 404],
        ['a 2 MB body', await raw(JSON.stringify({ achievementId: 'express', padding: 'x'.repeat(2 * 1024 * 1024) })), 413],
        ['a form', await raw('achievementId=express', { Authorization: `Bearer ${zoe}`, 'Content-Type': 'application/x-www-form-urlencoded' }), 415],
      ];
      for (const [label, response, status] of errors) {
        assert.equal(response.status, status, label);
        conforms('Error', await checkResponse('/me/shares', 'post', response));
      }
    });

    it('answers 204 on withdrawing, and 404 and 401 with an Error', async () => {
      const { url } = (await (await createShare(zoe, { achievementId: 'registered' })).json()) as { url: string };
      const id = new URL(url).pathname.split('/')[2]!;
      const withdraw = (auth: string | undefined) =>
        fetch(`${server.url}/api/v1/me/shares/${id}`, { method: 'DELETE', headers: auth ? { Authorization: `Bearer ${auth}` } : {} });
      const foreign = await withdraw(await token('yuri'));
      assert.equal(foreign.status, 404);
      conforms('Error', await checkResponse('/me/shares/{shareId}', 'delete', foreign));
      const anonymous = await withdraw(undefined);
      assert.equal(anonymous.status, 401);
      conforms('Error', await checkResponse('/me/shares/{shareId}', 'delete', anonymous));
      const withdrawn = await withdraw(zoe);
      assert.equal(withdrawn.status, 204);
      await checkResponse('/me/shares/{shareId}', 'delete', withdrawn);
    });
  });

  describe('GET /s/{shareId} and GET /s/{shareId}/image.png', () => {
    it('answers the page as HTML (200, 404, 410) and the image as PNG (200, 304) or an Error (404, 410)', async () => {
      const { url } = (await (await createShare(zoe, { achievementId: 'daily-mobile' })).json()) as { url: string };
      const pagePath = new URL(url).pathname;
      const live = await fetch(`${server.url}${pagePath}`);
      assert.equal(live.status, 200);
      assert.match((await checkResponse('/s/{shareId}', 'get', live)) as string, /og:image/);
      const image = await fetch(`${server.url}${pagePath}/image.png`);
      assert.equal(image.status, 200);
      await checkResponse('/s/{shareId}/image.png', 'get', image);
      const unchanged = await fetch(`${server.url}${pagePath}/image.png`, { headers: { 'If-None-Match': image.headers.get('etag')! } });
      assert.equal(unchanged.status, 304);
      await checkResponse('/s/{shareId}/image.png', 'get', unchanged);

      const missing = `/s/${'A'.repeat(22)}`;
      const missingPage = await fetch(`${server.url}${missing}`);
      assert.equal(missingPage.status, 404);
      await checkResponse('/s/{shareId}', 'get', missingPage);
      const missingImage = await fetch(`${server.url}${missing}/image.png`);
      assert.equal(missingImage.status, 404);
      conforms('Error', await checkResponse('/s/{shareId}/image.png', 'get', missingImage));

      const id = pagePath.split('/')[2]!;
      assert.equal((await fetch(`${server.url}/api/v1/me/shares/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${zoe}` } })).status, 204);
      const gone = await fetch(`${server.url}${pagePath}`);
      assert.equal(gone.status, 410);
      await checkResponse('/s/{shareId}', 'get', gone);
      const goneImage = await fetch(`${server.url}${pagePath}/image.png`);
      assert.equal(goneImage.status, 410);
      conforms('Error', await checkResponse('/s/{shareId}/image.png', 'get', goneImage));
    });
  });

  describe('GET /me/stream', () => {
    it('sends unlock events as UnlockEvent and progress events as ProgressEvent', async () => {
      const stream = await openStream(server.url, await token('yuri'));
      let messages: SseMessage[];
      try {
        await checkResponse('/me/stream', 'get', stream.response, { readBody: false });
        conforms('ReadyEvent', JSON.parse((await stream.ready()).data));
        await post([event('yuri', 'profile.verified', '2025-06-01T09:00:00Z')]);
        await post([12, 13, 14, 15, 16, 17, 18].map((d) => event('yuri', 'app.login', day(d), { channel: 'mobile' })));
        await stream.next((m) => m.event === 'unlock' && m.data.includes('daily-mobile'));
        await stream.next((m) => m.event === 'progress' && m.data.includes('daily-mobile'));
        messages = [...stream.messages];
      } finally {
        await stream.close();
      }
      assert.deepEqual([...new Set(messages.map((m) => m.event))].sort(), ['progress', 'unlock']);
      for (const message of messages) {
        assert.match(message.id ?? '', /^\d+$/);
        conforms(message.event === 'unlock' ? 'UnlockEvent' : 'ProgressEvent', JSON.parse(message.data));
      }
      const tiered = messages.map((m) => JSON.parse(m.data) as { achievementId?: string; tier?: number }).find((u) => u.achievementId === 'daily-mobile');
      assert.equal(tiered?.tier, 1);
    });

    it('answers 429 too_many_streams with an Error and Retry-After past five streams of one citizen', async () => {
      const auth = await token('yuri');
      const streams = await Promise.all(Array.from({ length: 5 }, () => openStream(server.url, auth)));
      try {
        assert.deepEqual(streams.map((s) => s.response.status), [200, 200, 200, 200, 200]);
        const sixth = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${auth}` } });
        assert.equal(sixth.status, 429);
        const body = (await checkResponse('/me/stream', 'get', sixth)) as { error: { code: string } };
        assert.equal(body.error.code, 'too_many_streams');
      } finally {
        await Promise.all(streams.map((s) => s.close()));
      }
    });
  });
});

describe('the OpenAPI document, past the rate limits', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ limits: { service: { perSecond: 1, burst: 1 }, citizen: { perSecond: 1, burst: 1 }, authFailures: { perSecond: 1000, burst: 1000 } } });
    await loadDocument(server);
  });
  after(() => server.stop());

  it('answers 429 with an Error and Retry-After on every limited operation', async () => {
    const batch = [event('quinn', 'app.login', '2025-01-01T00:00:00Z')];
    const first = await server.post(batch);
    assert.equal(first.status, 200);
    await checkResponse('/events', 'post', first);
    const limited = await server.post(batch);
    assert.equal(limited.status, 429);
    conforms('Error', await checkResponse('/events', 'post', limited));

    const citizen = await token('quinn');
    const allowed = await server.me(citizen);
    assert.equal(allowed.status, 200);
    await checkResponse('/me/achievements', 'get', allowed);
    const me = await server.me(citizen);
    assert.equal(me.status, 429);
    conforms('Error', await checkResponse('/me/achievements', 'get', me));
    const stream = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${citizen}` } });
    assert.equal(stream.status, 429);
    conforms('Error', await checkResponse('/me/stream', 'get', stream));
    // Shares spend the same allowance as the rest of /me.
    const share = await fetch(`${server.url}/api/v1/me/shares`, { method: 'POST', headers: { Authorization: `Bearer ${citizen}`, 'Content-Type': 'application/json' }, body: '{"achievementId":"registered"}' });
    assert.equal(share.status, 429);
    conforms('Error', await checkResponse('/me/shares', 'post', share));
    const withdraw = await fetch(`${server.url}/api/v1/me/shares/${'A'.repeat(22)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${citizen}` } });
    assert.equal(withdraw.status, 429);
    conforms('Error', await checkResponse('/me/shares/{shareId}', 'delete', withdraw));
  });
});

describe('the OpenAPI document, when the database stops answering', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await loadDocument(server);
    await server.context.db.destroy();
  });
  after(() => server.stop());

  it('declares the 503 of /healthz and the 500 of a failed handler, with an Error', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 503);
    conforms('Error', await checkResponse('/healthz', 'get', health));
    const me = await server.me(await token('quinn'));
    assert.equal(me.status, 500);
    conforms('Error', await checkResponse('/me/achievements', 'get', me));
  });
});

describe('the OpenAPI document: campaigns, leaderboards and recommendations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-openapi-campaigns-'));
  // Two hours before «july» is announced as upcoming (24 h before its start).
  const clock = { now: Date.parse('2025-06-18T08:00:00+03:00') };
  let server: TestServer;
  let ulla: string;
  const campaign = (id: string, startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
    id,
    title: { ru: `Турнир ${id}`, en: `Tournament ${id}` },
    description: { ru: 'Описание.', en: 'Description.' },
    startsAt,
    endsAt,
    score: { points: true },
    prizes: [{ places: [1, 1], points: 300 }, { places: [2, 5], points: 50 }],
    ...extra,
  });
  const get = async (path: string, auth?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${path}`, { headers: { ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...headers } });
  const participation = async (method: 'POST' | 'DELETE', id: string, auth?: string) =>
    fetch(`${server.url}/api/v1/me/campaigns/${id}/participation`, { method, headers: auth ? { Authorization: `Bearer ${auth}` } : {} });

  before(async () => {
    const campaignsPath = join(dir, 'campaigns.json');
    writeFileSync(
      campaignsPath,
      JSON.stringify({
        campaigns: [
          campaign('june', '2025-06-01T00:00:00+03:00', '2025-07-01T00:00:00+03:00'),
          campaign('polls', '2025-06-10T00:00:00+03:00', '2025-06-20T00:00:00+03:00', { score: { count: { type: 'poll.voted' } }, eligibility: { minLevel: 'expert' } }),
          campaign('july', '2025-06-19T10:00:00+03:00', '2025-07-19T00:00:00+03:00'),
          campaign('may', '2025-05-01T00:00:00+03:00', '2025-06-01T00:00:00+03:00'),
        ],
      }),
    );
    server = await startTestServer({ campaignsPath, portalUrl: 'https://portal.example/' }, { now: () => clock.now, heartbeatMs: 200 }, dir);
    await loadDocument(server);
    ulla = await token('ulla');
    const ingest = await server.post([
      event('ulla', 'profile.verified', '2025-05-20T09:00:00Z'),
      event('ulla', 'application.submitted', '2025-06-02T09:00:00Z'),
      event('ulla', 'signature.used', '2025-06-03T09:00:00Z', { attributes: { procedure: 'a' } }),
      event('vlad', 'profile.verified', '2025-05-20T09:00:00Z'),
      event('vlad', 'application.submitted', '2025-06-04T09:00:00Z'),
      event('vlad', 'poll.voted', '2025-06-05T09:00:00Z', { attributes: { poll: 'p' } }),
    ]);
    assert.equal(ingest.status, 200);
  });
  after(() => server.stop());

  it('GET /campaigns answers Campaigns, anonymous or signed in, in both languages, 304 and 401', async () => {
    const anonymous = await get('/campaigns');
    assert.equal(anonymous.status, 200);
    const list = (await checkResponse('/campaigns', 'get', anonymous)) as { campaigns: Array<{ id: string; status: string; me?: unknown }> };
    assert.deepEqual(list.campaigns.map((c) => [c.id, c.status]), [['june', 'active'], ['polls', 'active'], ['july', 'upcoming'], ['may', 'finished']]);
    assert.ok(list.campaigns.every((c) => c.me === undefined));
    const signedIn = (await checkResponse('/campaigns', 'get', await get('/campaigns', ulla, { 'Accept-Language': 'en' }))) as { campaigns: Array<{ me?: unknown }> };
    assert.ok(signedIn.campaigns.every((c) => c.me !== undefined));
    const unchanged = await get('/campaigns', undefined, { 'If-None-Match': anonymous.headers.get('etag')! });
    assert.equal(unchanged.status, 304);
    await checkResponse('/campaigns', 'get', unchanged);
    const refused = await get('/campaigns', 'not-a-token');
    assert.equal(refused.status, 401);
    conforms('Error', await checkResponse('/campaigns', 'get', refused));
  });

  it('POST and DELETE /me/campaigns/{campaignId}/participation answer Participation, 204, and Errors 401, 403, 404, 409', async () => {
    const joined = await participation('POST', 'june', ulla);
    assert.equal(joined.status, 200);
    conforms('Participation', await checkResponse('/me/campaigns/{campaignId}/participation', 'post', joined));
    assert.equal((await participation('POST', 'june', await token('vlad'))).status, 200);
    const errors: Array<[Response, number]> = [
      [await participation('POST', 'june'), 401],
      [await participation('POST', 'june', await token('wendy')), 403],
      [await participation('POST', 'polls', ulla), 403],
      [await participation('POST', 'no-such-campaign', ulla), 404],
      [await participation('POST', 'may', ulla), 409],
    ];
    for (const [response, status] of errors) {
      assert.equal(response.status, status);
      conforms('Error', await checkResponse('/me/campaigns/{campaignId}/participation', 'post', response));
    }
    assert.equal((await participation('POST', 'july', ulla)).status, 200);
    const left = await participation('DELETE', 'july', ulla);
    assert.equal(left.status, 204);
    await checkResponse('/me/campaigns/{campaignId}/participation', 'delete', left);
    for (const [response, status] of [[await participation('DELETE', 'july'), 401], [await participation('DELETE', 'no-such-campaign', ulla), 404]] as const) {
      assert.equal(response.status, status);
      conforms('Error', await checkResponse('/me/campaigns/{campaignId}/participation', 'delete', response));
    }
  });

  it('GET /campaigns/{campaignId}/leaderboard answers a Leaderboard with and without the citizen’s row, 304, 401 and 404', async () => {
    const mine = await get('/campaigns/june/leaderboard', ulla);
    const board = (await checkResponse('/campaigns/{campaignId}/leaderboard', 'get', mine)) as { top: unknown[]; me?: { rank: number } };
    conforms('Leaderboard', board);
    assert.equal(board.top.length, 2);
    assert.ok(board.me);
    const anonymous = await get('/campaigns/june/leaderboard', undefined, { 'Accept-Language': 'en' });
    const publicBoard = (await checkResponse('/campaigns/{campaignId}/leaderboard', 'get', anonymous)) as { me?: unknown };
    assert.equal(publicBoard.me, undefined);
    const unchanged = await get('/campaigns/june/leaderboard', undefined, { 'Accept-Language': 'en', 'If-None-Match': anonymous.headers.get('etag')! });
    assert.equal(unchanged.status, 304);
    await checkResponse('/campaigns/{campaignId}/leaderboard', 'get', unchanged);
    for (const [response, status] of [[await get('/campaigns/nope/leaderboard'), 404], [await get('/campaigns/june/leaderboard', 'not-a-token'), 401]] as const) {
      assert.equal(response.status, status);
      conforms('Error', await checkResponse('/campaigns/{campaignId}/leaderboard', 'get', response));
    }
  });

  it('GET /me/recommendations answers Recommendations in both languages, with portal links; 304 and 401', async () => {
    for (const language of ['ru', 'en']) {
      const response = await get('/me/recommendations', ulla, { 'Accept-Language': language });
      assert.equal(response.status, 200);
      const body = (await checkResponse('/me/recommendations', 'get', response)) as { recommendations: Array<{ link?: string }> };
      conforms('Recommendations', body);
      assert.ok(body.recommendations.length > 0);
      assert.ok(body.recommendations.some((r) => r.link?.startsWith('https://portal.example/')));
      const unchanged = await get('/me/recommendations', ulla, { 'Accept-Language': language, 'If-None-Match': response.headers.get('etag')! });
      assert.equal(unchanged.status, 304);
      await checkResponse('/me/recommendations', 'get', unchanged);
    }
    const refused = await get('/me/recommendations');
    assert.equal(refused.status, 401);
    conforms('Error', await checkResponse('/me/recommendations', 'get', refused));
  });

  it('GET /catalog carries links, absolute on the portal, and none for secrets', async () => {
    const catalog = (await checkResponse('/catalog', 'get', await get('/catalog'))) as { achievements: Array<{ hidden: boolean; link?: string }> };
    assert.ok(catalog.achievements.some((a) => a.link === 'https://portal.example/services/e-signature'));
    assert.ok(catalog.achievements.filter((a) => a.hidden).every((a) => a.link === undefined));
  });

  it('sends campaign events on the live stream as CampaignEvent', async () => {
    const stream = await openStream(server.url, ulla);
    try {
      clock.now = Date.parse('2025-06-18T10:00:00+03:00');
      await server.sweep();
      const message = await stream.next((m) => m.event === 'campaign');
      assert.match(message.id ?? '', /^\d+$/);
      const data = JSON.parse(message.data) as unknown;
      conforms('CampaignEvent', data);
      assert.deepEqual(data, { id: 'july', status: 'upcoming', title: 'Турнир july' });
    } finally {
      await stream.close();
    }
  });

  it('answers 429 with an Error on the limited operations', async () => {
    const tight = await startTestServer({ limits: { service: { perSecond: 1000, burst: 1000 }, citizen: { perSecond: 1, burst: 1 }, authFailures: { perSecond: 1000, burst: 1000 } } });
    try {
      const auth = { Authorization: `Bearer ${await token('xavi')}` };
      const call = (path: string, method = 'GET') => fetch(`${tight.url}/api/v1${path}`, { method, headers: auth });
      // One allowance per citizen: the signed-in GET /campaigns after /me/recommendations is over it too.
      assert.equal((await call('/me/recommendations')).status, 200);
      const cases: Array<[string, string, string, Response]> = [
        ['/me/recommendations', 'get', '/me/recommendations', await call('/me/recommendations')],
        ['/me/campaigns/{campaignId}/participation', 'post', '', await call('/me/campaigns/winter-marathon-2026/participation', 'POST')],
        ['/me/campaigns/{campaignId}/participation', 'delete', '', await call('/me/campaigns/winter-marathon-2026/participation', 'DELETE')],
        ['/campaigns', 'get', '', await call('/campaigns')],
        ['/campaigns/{campaignId}/leaderboard', 'get', '', await call('/campaigns/winter-marathon-2026/leaderboard')],
      ];
      for (const [path, method, , response] of cases) {
        assert.equal(response.status, 429, `${method} ${path}`);
        conforms('Error', await checkResponse(path, method, response));
      }
    } finally {
      await tight.stop();
    }
  });
});

describe('the OpenAPI document: rewards, redemptions, feedback, preferences, rarity and metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-openapi-rewards-'));
  const localized = (text: string) => ({ ru: text, en: text });
  const reward = (id: string, extra: Record<string, unknown>) => ({ id, title: localized(id), description: localized(`About ${id}.`), cost: 10, validDays: 7, ...extra });
  let server: TestServer;
  let rich: string;
  const api = (path: string, init: { method?: string; auth?: string | undefined; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.auth ? { Authorization: init.auth.startsWith('Bearer ') ? init.auth : `Bearer ${init.auth}` } : {}),
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  const redeem = (auth: string | undefined, body: unknown, key: string | null = randomUUID()) => {
    if (typeof body === 'object') conforms('RedemptionRequest', body);
    return api('/me/redemptions', { method: 'POST', auth, body, headers: key === null ? {} : { 'Idempotency-Key': key } });
  };
  const rate = (auth: string | undefined, achievementId: string, body: unknown) => api(`/me/feedback/${achievementId}`, { method: 'PUT', auth, body });
  /** Asserts each response has its status, is declared, and is an Error. */
  const errors = async (path: string, method: string, cases: Array<[string, Response, number]>) => {
    for (const [label, response, status] of cases) {
      assert.equal(response.status, status, label);
      conforms('Error', await checkResponse(path, method, response));
    }
  };

  before(async () => {
    const rewardsPath = join(dir, 'rewards.json');
    writeFileSync(
      rewardsPath,
      JSON.stringify({
        rewards: [
          reward('daily', { limit: { count: 1, period: 'day' } }),
          reward('scarce', { stock: { count: 1, period: 'month' } }),
          reward('for-experts', { minLevel: 'expert' }),
          reward('pricey', { cost: 5000 }),
        ],
      }),
    );
    const campaignsPath = join(dir, 'campaigns.json');
    writeFileSync(campaignsPath, JSON.stringify({ campaigns: [] }));
    server = await startTestServer({ rewardsPath, campaignsPath }, { now: () => NOW }, dir);
    await loadDocument(server);
    // 20 verified citizens, so that GET /catalog shows rarity; «rich» also has a few applications.
    const events = Array.from({ length: 20 }, (_, i) => event(`member-${i}`, 'profile.verified', '2025-01-10T09:00:00Z'));
    events.push(...[1, 2, 3].map((h) => event('member-0', 'application.submitted', `2025-02-01T0${h}:00:00Z`)));
    assert.equal((await server.post(events)).status, 200);
    await server.context.rarity.refresh();
    rich = await token('member-0');
  });
  after(() => server.stop());

  it('GET /catalog carries rarity as a share', async () => {
    const catalog = (await checkResponse('/catalog', 'get', await api('/catalog'))) as { achievements: Array<{ id: string; rarity?: number }> };
    conforms('Catalog', catalog);
    assert.equal(catalog.achievements.find((a) => a.id === 'registered')?.rarity, 1);
    assert.equal(catalog.achievements.find((a) => a.id === 'first-request')?.rarity, 0.05);
  });

  it('GET /me/achievements carries the balance and the gamification switch', async () => {
    const me = (await checkResponse('/me/achievements', 'get', await server.me(rich))) as { balance: number; gamification: boolean };
    conforms('MyAchievements', me);
    assert.deepEqual([me.balance, me.gamification], [100, true]);
  });

  it('GET /rewards answers Rewards for anyone and for a citizen, 304, and 401 for a bad token', async () => {
    const anonymous = await api('/rewards', { headers: { 'Accept-Language': 'en' } });
    conforms('Rewards', await checkResponse('/rewards', 'get', anonymous));
    const mine = (await checkResponse('/rewards', 'get', await api('/rewards', { auth: rich }))) as { rewards: Array<{ availability?: { reason?: string } }> };
    conforms('Rewards', mine);
    assert.deepEqual(mine.rewards.map((r) => r.availability?.reason), [undefined, undefined, 'level_too_low', 'insufficient_points']);
    const unchanged = await api('/rewards', { headers: { 'Accept-Language': 'en', 'If-None-Match': anonymous.headers.get('etag')! } });
    assert.equal(unchanged.status, 304);
    await checkResponse('/rewards', 'get', unchanged);
    await errors('/rewards', 'get', [['a bad token', await api('/rewards', { auth: 'not-a-token' }), 401]]);
  });

  it('POST /me/redemptions answers Redeemed (201, 200 on a replay) and every declared Error', async () => {
    const key = randomUUID();
    const granted = await redeem(rich, { rewardId: 'daily' }, key);
    assert.equal(granted.status, 201);
    conforms('Redeemed', await checkResponse('/me/redemptions', 'post', granted));
    const replayed = await redeem(rich, { rewardId: 'daily' }, key);
    assert.equal(replayed.status, 200);
    conforms('Redeemed', await checkResponse('/me/redemptions', 'post', replayed));
    assert.equal((await redeem(await token('member-1'), { rewardId: 'scarce' })).status, 201);
    await errors('/me/redemptions', 'post', [
      ['no Idempotency-Key', await redeem(rich, { rewardId: 'daily' }, null), 400],
      ['an invalid body', await redeem(rich, '{"rewardId":', randomUUID()), 400],
      ['no token', await redeem(undefined, { rewardId: 'daily' }), 401],
      ['an unknown reward', await redeem(rich, { rewardId: 'nothing-like-it' }), 404],
      ['the limit', await redeem(rich, { rewardId: 'daily' }), 409],
      ['sold out', await redeem(rich, { rewardId: 'scarce' }), 409],
      ['a reused key', await redeem(rich, { rewardId: 'pricey' }, key), 409],
      ['too few points', await redeem(rich, { rewardId: 'pricey' }), 422],
      ['too low a level', await redeem(rich, { rewardId: 'for-experts' }), 422],
      ['a 2 MB body', await redeem(rich, JSON.stringify({ rewardId: 'daily', padding: 'x'.repeat(2 * 1024 * 1024) })), 413],
      ['a form', await api('/me/redemptions', { method: 'POST', auth: rich, body: 'rewardId=daily', headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': randomUUID() } }), 415],
    ]);
  });

  it('GET /me/redemptions answers Redemptions, 304 and 401', async () => {
    const response = await api('/me/redemptions', { auth: rich });
    const body = (await checkResponse('/me/redemptions', 'get', response)) as { redemptions: unknown[] };
    conforms('Redemptions', body);
    assert.ok(body.redemptions.length > 0);
    const unchanged = await api('/me/redemptions', { auth: rich, headers: { 'If-None-Match': response.headers.get('etag')! } });
    assert.equal(unchanged.status, 304);
    await checkResponse('/me/redemptions', 'get', unchanged);
    await errors('/me/redemptions', 'get', [['no token', await api('/me/redemptions'), 401]]);
  });

  it('PUT /me/feedback/{achievementId} answers Feedback and every declared Error; GET /me/feedback answers FeedbackList', async () => {
    const body = { rating: 5, comment: 'Понятно и полезно' };
    conforms('FeedbackRequest', body);
    const saved = await rate(rich, 'registered', body);
    assert.equal(saved.status, 200);
    conforms('Feedback', await checkResponse('/me/feedback/{achievementId}', 'put', saved));
    await errors('/me/feedback/{achievementId}', 'put', [
      ['a rating of 6', await rate(rich, 'registered', { rating: 6 }), 400],
      ['no token', await rate(undefined, 'registered', { rating: 5 }), 401],
      ['not earned', await rate(rich, 'e-signer', { rating: 5 }), 403],
      ['unknown', await rate(rich, 'no-such-achievement', { rating: 5 }), 404],
      ['a 2 MB body', await rate(rich, 'registered', JSON.stringify({ rating: 5, comment: 'x'.repeat(2 * 1024 * 1024) })), 413],
      ['a form', await api('/me/feedback/registered', { method: 'PUT', auth: rich, body: 'rating=5', headers: { 'Content-Type': 'text/plain' } }), 415],
    ]);
    const list = await api('/me/feedback', { auth: rich });
    conforms('FeedbackList', await checkResponse('/me/feedback', 'get', list));
    const unchanged = await api('/me/feedback', { auth: rich, headers: { 'If-None-Match': list.headers.get('etag')! } });
    assert.equal(unchanged.status, 304);
    await checkResponse('/me/feedback', 'get', unchanged);
    await errors('/me/feedback', 'get', [['no token', await api('/me/feedback'), 401]]);
  });

  it('GET and PUT /me/preferences answer Preferences, 400 and 401', async () => {
    const citizen = await token('member-5');
    conforms('Preferences', await checkResponse('/me/preferences', 'get', await api('/me/preferences', { auth: citizen })));
    conforms('Preferences', await checkResponse('/me/preferences', 'put', await api('/me/preferences', { method: 'PUT', auth: citizen, body: { gamification: false } })));
    await errors('/me/preferences', 'put', [
      ['not a boolean', await api('/me/preferences', { method: 'PUT', auth: citizen, body: { gamification: 'no' } }), 400],
      ['no token', await api('/me/preferences', { method: 'PUT', body: { gamification: true } }), 401],
      ['a form', await api('/me/preferences', { method: 'PUT', auth: citizen, body: 'gamification=true', headers: { 'Content-Type': 'text/plain' } }), 415],
    ]);
    await errors('/me/preferences', 'get', [['no token', await api('/me/preferences'), 401]]);
  });

  it('GET /admin/metrics answers Metrics, and 400, 401, 403, 404 as Errors', async () => {
    const metrics = await api('/admin/metrics?from=2025-01-01&to=2025-03-31', { auth: ADMIN_KEY });
    assert.equal(metrics.status, 200);
    conforms('Metrics', await checkResponse('/admin/metrics', 'get', metrics));
    await errors('/admin/metrics', 'get', [
      ['a bad day', await api('/admin/metrics?from=2025-13-01', { auth: ADMIN_KEY }), 400],
      ['no key', await api('/admin/metrics'), 401],
      ['a service key', await api('/admin/metrics', { auth: SERVICE_KEY }), 403],
    ]);
    const closed = await startTestServer({ adminKeys: [] });
    try {
      const missing = await fetch(`${closed.url}/api/v1/admin/metrics`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      await errors('/admin/metrics', 'get', [['no admin key configured', missing, 404]]);
    } finally {
      await closed.stop();
    }
  });

  it('answers 429 with an Error on the limited operations', async () => {
    const tight = await startTestServer({ limits: { service: { perSecond: 1000, burst: 1000 }, citizen: { perSecond: 1, burst: 1 }, authFailures: { perSecond: 1000, burst: 1000 } } });
    try {
      const auth = { Authorization: `Bearer ${await token('yana')}`, 'Content-Type': 'application/json' };
      const call = (path: string, method = 'GET', body?: unknown) =>
        fetch(`${tight.url}/api/v1${path}`, { method, headers: { ...auth, 'Idempotency-Key': randomUUID() }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      assert.equal((await call('/me/preferences')).status, 200);
      const cases: Array<[string, string, Response]> = [
        ['/me/preferences', 'get', await call('/me/preferences')],
        ['/me/preferences', 'put', await call('/me/preferences', 'PUT', { gamification: true })],
        ['/me/redemptions', 'post', await call('/me/redemptions', 'POST', { rewardId: 'personal-recommendations' })],
        ['/me/redemptions', 'get', await call('/me/redemptions')],
        ['/me/feedback/{achievementId}', 'put', await call('/me/feedback/registered', 'PUT', { rating: 3 })],
        ['/me/feedback', 'get', await call('/me/feedback')],
      ];
      for (const [path, method, response] of cases) {
        assert.equal(response.status, 429, `${method} ${path}`);
        conforms('Error', await checkResponse(path, method, response));
      }
      // GET /rewards with a token spends the same allowance; without one it is public and not limited per citizen.
      const rewards = await call('/rewards');
      assert.equal(rewards.status, 429);
      conforms('Error', await checkResponse('/rewards', 'get', rewards));
      assert.equal((await fetch(`${tight.url}/api/v1/rewards`)).status, 200);
    } finally {
      await tight.stop();
    }
  });
});
