/**
 * Keeps the OpenAPI document true: the document is a valid OpenAPI 3.1 description, every path in
 * it is served, and real responses — varied, realistic data — conform to the schemas it declares
 * for their path, method, status and content type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { parseTime } from '../../../src/engine/index.ts';
import type { SseMessage, TestServer } from './helpers.ts';
import { SERVICE_KEY, event, openStream, startTestServer, token } from './helpers.ts';

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
const PATH_PARAMETERS: Record<string, string> = { file: 'registered.svg' };
/** A valid body for each operation that takes one. */
const REQUEST_BODIES: Record<string, () => unknown> = {
  '/events': () => ({ events: [event('walker', 'profile.verified', '2025-01-01T00:00:00Z')] }),
  '/me/shares': () => ({ achievementId: 'registered' }),
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
    await post([event('walker', 'profile.verified', '2025-01-01T00:00:00Z')]);
    /** One of walker's shares; a DELETE gets one of its own to withdraw (a new name, a new link). */
    const shareOf = async (method: string) => {
      const response = await createShare(citizen, { achievementId: 'registered', ...(method === 'delete' ? { displayName: `withdrawn ${Math.random()}` } : {}) });
      return new URL(((await response.json()) as { url: string }).url).pathname.split('/')[2]!;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      // The public share pages have servers of their own: they are not under /api/v1.
      const servers = (item as { servers?: OpenApiDocument['servers'] }).servers ?? doc.servers;
      const base = new URL(servers[0]!.url).pathname.replace(/\/$/, '');
      for (const method of METHODS.filter((m) => m in item)) {
        const operation = item[method]!;
        const values: Record<string, string> = { ...PATH_PARAMETERS, ...(path.includes('{shareId}') ? { shareId: await shareOf(method) } : {}) };
        const url = `${server.url}${base}${path.replace(/\{(\w+)\}/g, (_, name: string) => {
          assert.ok(values[name], `no example value for the path parameter ${name}`);
          return values[name];
        })}`;
        const schemes = new Set((operation.security ?? []).flatMap((requirement) => Object.keys(requirement)));
        const headers: Record<string, string> = {};
        if (schemes.has('serviceKey')) headers.Authorization = `Bearer ${SERVICE_KEY}`;
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
