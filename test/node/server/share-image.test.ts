/**
 * The share page's preview image: a 1200×630 PNG under 300 KB, cached with a strong ETag, whose
 * Cyrillic title is drawn with the fonts shipped in server/share/fonts (never the machine's).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { ROOT } from '../../../server/config.ts';
import { BADGE_LIMITS, fetchBadge } from '../../../server/share/badge.ts';
import { BADGE, FONT_FILES, IMAGE_HEIGHT, IMAGE_WIDTH, RENDER_OPTIONS, TEXT, TITLE, layoutTitle, renderShareImage, shareImageSvg, textWidth } from '../../../server/share/image.ts';
import type { Badge } from '../../../server/share/image.ts';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';
import type { DecodedPng } from './png.ts';
import { PNG_SIGNATURE, darkPixels, decodePng, pngSize } from './png.ts';

const MAX_BYTES = 300 * 1024;
const CITIZEN = 'citizen-image-9QwErTy';
/** The text column, right of the badge. */
const TEXT_AREA = { x: TEXT.x, y: 40, width: TEXT.width, height: IMAGE_HEIGHT - 80 };
const badge: Badge = { bytes: readFileSync(join(ROOT, 'src/engine/catalog/icons/e-signer.svg')), type: 'image/svg+xml' };
const registered: Badge = { bytes: readFileSync(join(ROOT, 'src/engine/catalog/icons/registered.svg')), type: 'image/svg+xml' };
/** A badge no catalog has: an orange square, so its corners are where the plain disc never reaches. */
const SQUARE_BADGE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" fill="#e8590c"/></svg>';
const squarePng = new Resvg(SQUARE_BADGE).render().asPng();

const pixel = (image: DecodedPng, x: number, y: number) => {
  const at = (y * image.width + x) * image.channels;
  return [...image.pixels.subarray(at, at + 3)];
};

/** White pixels well inside the badge's circle (the card around it is white too, so only inside counts). */
function whiteInDisc(image: DecodedPng): number {
  const [cx, cy, r] = [BADGE.x + BADGE.size / 2, BADGE.y + BADGE.size / 2, BADGE.size / 2 - 20];
  let count = 0;
  for (let y = cy - r; y <= cy + r; y += 1) {
    for (let x = cx - r; x <= cx + r; x += 1) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
      if (pixel(image, x, y).every((channel) => channel > 240)) count += 1;
    }
  }
  return count;
}
const catalog = JSON.parse(readFileSync(join(ROOT, 'src/engine/catalog/default.json'), 'utf8')) as { achievements: Array<{ id: string; title: { ru: string } }> };

describe('GET /s/{shareId}/image.png', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    server = await startTestServer();
    await server.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z'), event(CITIZEN, 'signature.used', '2025-03-03T10:00:00Z', { attributes: { procedure: 'tax' } })]);
    const response = await fetch(`${server.url}/api/v1/me/shares`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await token(CITIZEN)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ achievementId: 'registered' }),
    });
    url = `${server.url}${new URL(((await response.json()) as { url: string }).url).pathname}/image.png`;
  });
  after(() => server.stop());

  it('is a 1200×630 PNG of at most 300 KB, public and cacheable', async () => {
    const response = await fetch(url, { headers: { 'User-Agent': 'TelegramBot (like TwitterBot)' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const png = Buffer.from(await response.arrayBuffer());
    assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'the PNG signature');
    assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
    assert.ok(png.length <= MAX_BYTES, `${png.length} bytes`);
    assert.equal(Number(response.headers.get('content-length')), png.length);
  });

  it('has a strong ETag of its bytes, and answers 304 to it', async () => {
    const response = await fetch(url);
    const etag = response.headers.get('etag') ?? '';
    const png = Buffer.from(await response.arrayBuffer());
    assert.equal(etag, `"${createHash('sha256').update(png).digest('base64url')}"`, 'strong: no W/ prefix');
    for (const held of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await fetch(url, { headers: { 'If-None-Match': held } });
      assert.equal(again.status, 304, held);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(await again.text(), '');
    }
    assert.equal((await fetch(url, { headers: { 'If-None-Match': '"other"' } })).status, 200);
  });

  it('renders once per achievement: a second share of it gets the same bytes', async () => {
    const first = await fetch(url);
    const other = await fetch(`${server.url}/api/v1/me/shares`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await token(CITIZEN)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ achievementId: 'registered', displayName: 'Анна' }),
    });
    const second = await fetch(`${server.url}${new URL(((await other.json()) as { url: string }).url).pathname}/image.png`);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'), 'the name is not on the image');
  });

  it('shows the badge and the title: the catalog’s own badge, not the plain disc drawn without one', async () => {
    const png = Buffer.from(await (await fetch(url)).arrayBuffer());
    const image = decodePng(png);
    assert.ok(darkPixels(image, TEXT_AREA) > 2000, 'text in the text column');
    const withBadge = await renderShareImage('Регистрация', registered);
    const noBadge = await renderShareImage('Регистрация', undefined);
    assert.ok(png.equals(withBadge), 'exactly the picture with the achievement’s badge');
    assert.ok(!png.equals(noBadge), 'not the one without');
    // The badge's own white strokes (the person, the tick) inside the disc: the plain disc has none.
    assert.ok(whiteInDisc(image) > 1000, `${whiteInDisc(image)} white pixels inside the badge`);
    assert.equal(whiteInDisc(decodePng(noBadge)), 0, 'the plain disc has none: this check can fail');
  });
});

/** A host for badges: a real HTTP server on loopback, with the ways a badge fetch can go wrong. */
async function badgeHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const routes: Record<string, () => void> = {
      '/badge.svg': () => response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(SQUARE_BADGE),
      '/badge.png': () => response.writeHead(200, { 'Content-Type': 'image/png' }).end(squarePng),
      '/mislabelled.svg': () => response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end('<html><body>not an image</body></html>'),
      '/big.svg': () => response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(`<svg xmlns="http://www.w3.org/2000/svg"><!--${'x'.repeat(4096)}--></svg>`),
      '/chunked.svg': () => {
        response.writeHead(200, { 'Content-Type': 'image/svg+xml' });
        for (let i = 0; i < 8; i += 1) response.write('<!--' + 'x'.repeat(1000) + '-->');
        response.end();
      },
      '/slow.svg': () => void setTimeout(() => response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(SQUARE_BADGE), 1500).unref(),
      '/redirect.svg': () => response.writeHead(302, { Location: '/badge.svg' }).end(),
    };
    (routes[request.url ?? ''] ?? (() => response.writeHead(404).end()))();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A server whose catalog gives `registered` this icon, with a citizen who earned it; the share image's URL. */
async function serverWithIcon(icon: string): Promise<{ server: TestServer; image: string; logs: Array<Record<string, unknown>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-badge-'));
  cpSync(join(ROOT, 'src/engine/catalog/icons'), join(dir, 'catalog/icons'), { recursive: true });
  const achievements = catalog.achievements.map((a) => (a.id === 'registered' ? { ...a, icon } : a));
  writeFileSync(join(dir, 'catalog/catalog.json'), JSON.stringify({ ...catalog, achievements }));
  const logs: Array<Record<string, unknown>> = [];
  const server = await startTestServer({ catalogPath: join(dir, 'catalog/catalog.json') }, { log: (line) => void logs.push(JSON.parse(line) as Record<string, unknown>) }, dir);
  await server.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z')]);
  const response = await fetch(`${server.url}/api/v1/me/shares`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token(CITIZEN)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ achievementId: 'registered' }),
  });
  return { server, image: `${server.url}${new URL(((await response.json()) as { url: string }).url).pathname}/image.png`, logs };
}

describe('a catalog whose badges are on another host', () => {
  let host: Awaited<ReturnType<typeof badgeHost>>;
  before(async () => {
    host = await badgeHost();
  });
  after(() => host.close());

  it('draws the badge fetched from the host the catalog names', async () => {
    const { server, image } = await serverWithIcon(`${host.url}/badge.svg`);
    try {
      const png = Buffer.from(await (await fetch(image)).arrayBuffer());
      assert.ok(png.equals(await renderShareImage('Регистрация', { bytes: Buffer.from(SQUARE_BADGE), type: 'image/svg+xml' })));
      // The square's corner, outside where the plain disc would be: the badge's orange.
      assert.deepEqual(pixel(decodePng(png), BADGE.x + 4, BADGE.y + 4), [0xe8, 0x59, 0x0c]);
    } finally {
      await server.stop();
    }
  });

  it('reads an icon under ACH_PUBLIC_URL from the catalog’s own files, asking no one', async () => {
    // achievements.example does not resolve: a fetch would fail and draw the disc.
    const { server, image } = await serverWithIcon('https://achievements.example/api/v1/icons/registered.svg');
    try {
      const png = Buffer.from(await (await fetch(image)).arrayBuffer());
      assert.ok(png.equals(await renderShareImage('Регистрация', registered)));
    } finally {
      await server.stop();
    }
  });

  it('draws the plain disc when the host fails, and says so in the log', async () => {
    const { server, image, logs } = await serverWithIcon(`${host.url}/missing.svg`);
    try {
      const response = await fetch(image);
      assert.equal(response.status, 200);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(await renderShareImage('Регистрация', undefined)));
      const warning = logs.find((line) => line.level === 'warn');
      assert.equal(warning?.message, 'share badge not fetched: a plain disc instead');
      assert.equal(warning?.reason, 'HTTP 404');
    } finally {
      await server.stop();
    }
  });

  it('fetches only a PNG or SVG, within the time and size limits, never following a redirect', async () => {
    const limits = { timeoutMs: 500, maxBytes: 2048 };
    const outcome = async (path: string) => {
      const reasons: string[] = [];
      const badge = await fetchBadge(`${host.url}${path}`, limits, (reason) => reasons.push(reason));
      return badge ? badge.type : reasons[0];
    };
    assert.equal(await outcome('/badge.svg'), 'image/svg+xml');
    assert.equal(await outcome('/badge.png'), 'image/png');
    assert.equal(await outcome('/big.svg'), 'over 2048 bytes', 'Content-Length says too big');
    assert.equal(await outcome('/chunked.svg'), 'over 2048 bytes', 'no Content-Length: counted while read');
    assert.equal(await outcome('/slow.svg'), 'no answer within 500 ms');
    assert.match(String(await outcome('/redirect.svg')), /redirect/i);
    assert.equal(await outcome('/mislabelled.svg'), 'neither PNG nor SVG');
    assert.equal(await outcome('/missing.svg'), 'HTTP 404');
    assert.deepEqual(BADGE_LIMITS, { timeoutMs: 3000, maxBytes: 512 * 1024 });
  });
});

describe('the share image renderer', () => {
  it('uses only the fonts shipped with the project, with their licence', () => {
    assert.equal(RENDER_OPTIONS.font?.loadSystemFonts, false);
    assert.deepEqual(RENDER_OPTIONS.font?.fontFiles, FONT_FILES);
    for (const file of FONT_FILES) {
      assert.match(relative(ROOT, file), /^server\/share\/fonts\/GolosText-\w+\.ttf$/);
      assert.ok(existsSync(file), file);
    }
    assert.match(readFileSync(join(ROOT, 'server/share/fonts/OFL.txt'), 'utf8'), /SIL OPEN FONT LICENSE Version 1\.1/);
  });

  it('draws Cyrillic glyphs from those fonts: without them, the text column stays empty', () => {
    const svg = shareImageSvg('Электронный подписант', badge);
    const shipped = decodePng(new Resvg(svg, RENDER_OPTIONS).render().asPng());
    const noFonts = decodePng(new Resvg(svg, { ...RENDER_OPTIONS, font: { loadSystemFonts: false, fontFiles: [] } }).render().asPng());
    assert.ok(darkPixels(shipped, TEXT_AREA) > 2000, 'glyphs with the shipped fonts');
    assert.equal(darkPixels(noFonts, TEXT_AREA), 0, 'nothing without them: the glyphs come from the shipped files');
  });

  it('draws each title’s own letters: the same title alike, another of the same length not', async () => {
    const area = (png: Buffer) => {
      const image = decodePng(png);
      const rows = image.pixels.subarray(TEXT_AREA.y * image.width * image.channels, (TEXT_AREA.y + TEXT_AREA.height) * image.width * image.channels);
      return createHash('sha256').update(rows).digest('hex');
    };
    const first = await renderShareImage('Первый запрос', badge);
    const again = await renderShareImage('Первый запрос', badge);
    // Same length and the same words' lengths: missing glyphs (blank or boxes) would look the same.
    const other = await renderShareImage('Второй запрос', badge);
    assert.ok(first.equals(again), 'deterministic');
    assert.notEqual(area(other), area(first));
  });

  it('wraps long titles within the text column and at most three lines, never overflowing', () => {
    const titles = [
      ...catalog.achievements.map((a) => a.title.ru),
      'Приоритет в очереди на онлайн‑запись и ещё одна очень длинная строка для проверки',
      'Ш'.repeat(80),
      'Сверхдлинноесловобезпробеловкотороеникогданепоместитсяводнустроку и ещё слова',
    ];
    for (const title of titles) {
      const { size, lines } = layoutTitle(title);
      assert.ok(TITLE.sizes.includes(size), title);
      assert.ok(lines.length >= 1 && lines.length <= TITLE.maxLines, `${title}: ${lines.length} lines`);
      for (const line of lines) assert.ok(textWidth(line, size, TITLE.weight) <= TEXT.width, `${title}: "${line}" overflows at ${size}px`);
    }
    for (const { title } of catalog.achievements) assert.equal(layoutTitle(title.ru).lines.join(' '), title.ru, 'a catalog title is shown whole');
    const long = layoutTitle(titles.at(-2)!);
    assert.ok(long.lines.at(-1)!.endsWith('…'), 'a cut title says so');
  });

  it('renders every catalog badge at 1200×630 within 300 KB', async () => {
    for (const { id, title } of catalog.achievements) {
      const icon: Badge = { bytes: readFileSync(join(ROOT, `src/engine/catalog/icons/${id}.svg`)), type: 'image/svg+xml' };
      const png = await renderShareImage(title.ru, icon);
      assert.deepEqual(pngSize(png), { width: IMAGE_WIDTH, height: IMAGE_HEIGHT }, id);
      assert.ok(png.length <= MAX_BYTES, `${id}: ${png.length} bytes`);
    }
  });
});
