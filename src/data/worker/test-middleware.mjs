// Test-only web-test-runner middleware for service-worker.test.ts: a page for a worker to control
// and a small fake of the two cacheable API resources, whose failures the test asks for per request.
// - `…/__civic-sw-test__/frame.html` under any directory: an empty page (a worker's scope must lie
//   under the script's directory, so the source worker and the built one each get their own);
// - `/__civic-sw-test__/api/v1/{catalog,me/achievements,me/stream}`: JSON that echoes what
//   the worker must key by (Authorization, Accept-Language) and a serial number, so a test can
//   tell a cached answer from a fresh one; the stream is text/event-stream;
// - `/__civic-sw-test__/static/civic-achievements.js`: a stand-in for the SDK bundle;
// - request headers: `x-civic-test-offline` drops the connection (a network error to fetch),
//   `x-civic-test-status: 500` answers with that status, `x-civic-test-no-store` sends no-store,
//   `x-civic-test-hold: <id>` keeps the answer back until `/__civic-sw-test__/control/release?id=<id>`
//   (`/__civic-sw-test__/control/held?id=<id>` says whether it has arrived), for a test that must
//   act while an answer is on the wire.

const FRAME = '/__civic-sw-test__/frame.html';
const PREFIX = '/__civic-sw-test__/';
let serial = 0;
/** Held requests by id: resolving one lets its answer go. */
const held = new Map();

export async function serviceWorkerTestMiddleware(context, next) {
  if (context.path.endsWith(FRAME)) {
    context.type = 'text/html';
    context.body = '<!doctype html><title>service worker test frame</title>';
    return undefined;
  }
  if (!context.path.startsWith(PREFIX)) return next();
  if (context.path.startsWith(`${PREFIX}control/`)) return control(context);
  if (context.get('x-civic-test-offline')) {
    context.status = 503; // for the dev server's log only: nothing is sent
    context.respond = false;
    context.req.socket.destroy();
    return undefined;
  }
  const hold = context.get('x-civic-test-hold');
  if (hold) await new Promise((release) => held.set(hold, release));
  serial += 1;
  const resource = context.path.slice(PREFIX.length);
  const status = Number(context.get('x-civic-test-status') || 200);
  context.set('Cache-Control', context.get('x-civic-test-no-store') ? 'no-store' : 'private, no-cache');
  context.set('Vary', 'Accept-Language, Authorization, Cookie');
  if (resource === 'api/v1/me/stream') {
    context.type = 'text/event-stream';
    context.body = `event: progress\ndata: {"serial":${serial}}\n\n`;
    return undefined;
  }
  if (resource === 'static/civic-achievements.js') {
    context.type = 'text/javascript';
    context.body = `export const serial = ${serial};\n`;
    return undefined;
  }
  if (resource !== 'api/v1/catalog' && resource !== 'api/v1/me/achievements') return next();
  context.status = status;
  context.body = {
    serial,
    method: context.method,
    authorization: context.get('authorization') || null,
    language: context.get('accept-language') || null,
  };
  return undefined;
}

function control(context) {
  const id = context.query.id;
  if (context.path.endsWith('/held')) {
    context.body = { held: held.has(id) };
  } else if (context.path.endsWith('/release')) {
    held.get(id)?.();
    held.delete(id);
    context.body = { released: true };
  } else {
    context.status = 404;
  }
}
