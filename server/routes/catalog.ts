/** GET /api/v1/catalog (public, localized, cacheable) and the catalog's icons. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { conditionalJson } from '../http.ts';
import { catalogJson, ICON_FILE, languageOf, portalUrlOf } from '../views.ts';

export function catalogRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/catalog', (c) => {
    const lang = languageOf(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language');
    c.header('Content-Language', lang);
    const catalog = catalogJson(ctx.catalog, lang, ctx.config.publicUrl, portalUrlOf(ctx.config));
    // Rarity from the background cache (withheld for hidden achievements and small audiences).
    const achievements = catalog.achievements.map((entry) => {
      const rarity = ctx.rarity.get(entry.id);
      return rarity === undefined ? entry : { ...entry, rarity };
    });
    return conditionalJson(c, { ...catalog, achievements }, 'public, max-age=300');
  });

  app.get('/icons/:file', async (c) => {
    const file = c.req.param('file');
    if (!ICON_FILE.test(file)) throw new ApiError(404, 'not_found', 'No such icon.');
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(ctx.catalogDirectory, 'icons', file));
    } catch {
      throw new ApiError(404, 'not_found', 'No such icon.');
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': file.endsWith('.svg') ? 'image/svg+xml' : 'image/png',
      'Cache-Control': 'public, max-age=86400',
    });
  });
  return app;
}
