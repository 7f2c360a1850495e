/**
 * The share page's preview image: a 1200×630 PNG under 300 KB, cached with a strong ETag, whose
 * Cyrillic title is drawn with the fonts shipped in server/share/fonts (never the machine's).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { ROOT } from '../../../server/config.ts';
import { FONT_FILES, IMAGE_HEIGHT, IMAGE_WIDTH, RENDER_OPTIONS, TEXT, TITLE, layoutTitle, renderShareImage, shareImageSvg, textWidth } from '../../../server/share/image.ts';
import type { Badge } from '../../../server/share/image.ts';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';
import { PNG_SIGNATURE, darkPixels, decodePng, pngSize } from './png.ts';

const MAX_BYTES = 300 * 1024;
const CITIZEN = 'citizen-image-9QwErTy';
/** The text column, right of the badge. */
const TEXT_AREA = { x: TEXT.x, y: 40, width: TEXT.width, height: IMAGE_HEIGHT - 80 };
const badge: Badge = { bytes: readFileSync(join(ROOT, 'src/engine/catalog/icons/e-signer.svg')), type: 'image/svg+xml' };
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

  it('shows the badge and the title', async () => {
    const image = decodePng(Buffer.from(await (await fetch(url)).arrayBuffer()));
    assert.ok(darkPixels(image, TEXT_AREA) > 2000, 'text in the text column');
    // Inside the badge's disc, near its top: the icon's blue, not the white card.
    const disc = (185 * image.width + 260) * image.channels;
    assert.deepEqual([...image.pixels.subarray(disc, disc + 3)], [0x1f, 0x5f, 0xa8]);
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
