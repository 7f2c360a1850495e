/**
 * The public side of a share, under /s: the page GET /s/{shareId} and its preview image
 * GET /s/{shareId}/image.png. No sign-in and no rate limit, so that messengers' crawlers always
 * get their preview; no tracking; nothing of the citizen but the name they chose to show.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { CompiledAchievement } from '../../src/engine/index.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { clientHolds } from '../http.ts';
import { badgeOf } from '../share/badge.ts';
import { renderShareImage } from '../share/image.ts';
import { missingPage, pageCsp, shareImageUrl, sharePage, shareUrl } from '../share/page.ts';
import { publicShare } from '../share/store.ts';
import { SHARE_TEXT } from '../share/text.ts';
import { iconUrl, portalUrlOf } from '../views.ts';

/** Shared caches may keep a page this long: a withdrawn link stops showing within 5 minutes. */
const PAGE_CACHE = 'public, max-age=300';
/** The image is the same for everyone who earned the achievement: nothing personal to withdraw. */
const IMAGE_CACHE = 'public, max-age=86400';
/** A plain disc drawn because another host's badge could not be had is kept this long, then the badge is tried again. */
export const BADGE_RETRY_MS = 5 * 60_000;

interface RenderedImage {
  png: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** The page's CSP: badges come from the icons route on this origin, or from the hosts a catalog names. */
export function sharePageCsp(ctx: ServerContext): string {
  const sources = new Set(
    ctx.catalog.achievements.map(({ definition }) => {
      const url = iconUrl(ctx.config.publicUrl, definition.icon);
      return URL.canParse(url) ? new URL(url).origin : "'self'";
    }),
  );
  return pageCsp([...sources]);
}

export function sharePageRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const portalUrl = portalUrlOf(ctx.config);
  // One image per achievement, rendered on first request and kept: the catalog and the language
  // are fixed for the process, and a crawler burst waits on the one render in flight.
  const images = new Map<string, Promise<RenderedImage>>();

  const imageOf = (achievement: CompiledAchievement): Promise<RenderedImage> => {
    const { id, title, icon } = achievement.definition;
    let image = images.get(id);
    if (!image) {
      image = (async () => {
        const started = performance.now();
        const failures: string[] = [];
        const badge = await badgeOf(icon, { publicUrl: ctx.config.publicUrl, catalogDirectory: ctx.catalogDirectory, fail: (reason) => failures.push(reason) });
        if (failures.length) ctx.log('warn', 'share badge not fetched: a plain disc instead', { achievementId: id, icon, reason: failures[0] });
        const png = new Uint8Array(await renderShareImage(title[SHARE_TEXT.language], badge));
        ctx.log('info', 'share image rendered', { achievementId: id, bytes: png.length, ms: Math.round(performance.now() - started) });
        // A host that was down gets another chance: the disc is not kept for the process's life.
        if (failures.length) {
          setTimeout(() => {
            if (images.get(id) === image) images.delete(id);
          }, BADGE_RETRY_MS).unref();
        }
        return { png, etag: `"${createHash('sha256').update(png).digest('base64url')}"` };
      })();
      image.catch(() => images.delete(id));
      images.set(id, image);
    }
    return image;
  };

  const html = (c: Context, status: 200 | 404 | 410, body: string) =>
    c.body(body, status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': PAGE_CACHE, 'X-Robots-Tag': 'noindex' });

  /** The share and its achievement, or undefined when the link never was or its achievement left the catalog. */
  const find = async (shareId: string) => {
    const share = await publicShare(ctx.db, shareId);
    if (!share || share.revoked) return share;
    const achievement = ctx.catalog.byId.get(share.achievementId);
    return achievement && { ...share, achievement };
  };

  app.get('/:shareId', async (c) => {
    const shareId = c.req.param('shareId');
    const share = await find(shareId);
    if (!share) return html(c, 404, missingPage('notFound', portalUrl));
    if (share.revoked) return html(c, 410, missingPage('withdrawn', portalUrl));
    const { title, description, icon } = share.achievement.definition;
    return html(
      c,
      200,
      sharePage({
        pageUrl: shareUrl(ctx.config.publicUrl, shareId),
        imageUrl: shareImageUrl(ctx.config.publicUrl, shareId),
        iconUrl: iconUrl(ctx.config.publicUrl, icon),
        portalUrl,
        // Hidden achievements too: the citizen earned this one, so its real title is theirs to show.
        title: title[SHARE_TEXT.language],
        description: description[SHARE_TEXT.language],
        earnedAt: share.earnedAt,
        timeZone: ctx.catalog.calendar.timeZone,
        displayName: share.displayName,
      }),
    );
  });

  app.get('/:shareId/image.png', async (c) => {
    const share = await find(c.req.param('shareId'));
    if (!share) throw new ApiError(404, 'not_found', 'No such share.');
    if (share.revoked) throw new ApiError(410, 'gone', 'This share was withdrawn.');
    const image = await imageOf(share.achievement);
    c.header('ETag', image.etag);
    c.header('Cache-Control', IMAGE_CACHE);
    c.header('X-Robots-Tag', 'noindex');
    if (clientHolds(c, image.etag)) return c.body(null, 304);
    return c.body(image.png, 200, { 'Content-Type': 'image/png' });
  });
  return app;
}
