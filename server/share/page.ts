/**
 * The public share page, rendered on the server for messengers' crawlers (they run no script):
 * Open Graph and Twitter tags, and for people the badge, its title and description, the date it
 * was earned and, only when the citizen chose one, the name they chose to show. No script at all;
 * the one stylesheet is allowed by its hash.
 */
import { createHash } from 'node:crypto';
import { Markup, markup } from './markup.ts';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './image.ts';
import { SHARE_TEXT } from './text.ts';

export const shareUrl = (publicUrl: string, shareId: string) => `${publicUrl}/s/${shareId}`;
export const shareImageUrl = (publicUrl: string, shareId: string) => `${shareUrl(publicUrl, shareId)}/image.png`;

export interface SharePageData {
  /** Absolute: the canonical address of this page. */
  pageUrl: string;
  imageUrl: string;
  iconUrl: string;
  portalUrl: string;
  title: string;
  description: string;
  earnedAt: number;
  /** The catalog's time zone: the date earned is the date there. */
  timeZone: string;
  displayName: string | undefined;
}

const STYLES = `
:root{color-scheme:light dark;--bg:#e6edf7;--card:#fff;--text:#0b1f33;--muted:#44546a;--accent:#0d4cd3;--on-accent:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0e1520;--card:#182232;--text:#eef3fa;--muted:#b4c0d0;--accent:#9dbcff;--on-accent:#0b1f33}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;padding:1rem;background:var(--bg);color:var(--text);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{width:100%;max-width:36rem;padding:2rem 1.5rem;border-radius:1.5rem;background:var(--card);text-align:center}
img{display:block;width:10rem;max-width:50%;height:auto;margin:0 auto 1rem}
h1{margin:0 0 .5rem;font-size:clamp(1.5rem,6vw,2.25rem);line-height:1.2;overflow-wrap:anywhere}
p{margin:.5rem 0;overflow-wrap:anywhere}
.muted{color:var(--muted)}
a{display:inline-block;margin-top:1.5rem;padding:.75rem 1.25rem;border-radius:.75rem;background:var(--accent);color:var(--on-accent);font-weight:600;text-decoration:none}
a:hover{text-decoration:underline}
a:focus-visible{outline:3px solid var(--text);outline-offset:3px}
@media (forced-colors:active){a{border:1px solid LinkText}}
`;

/** The page's CSP: no script, this stylesheet by its hash, images from where the badges are. */
export function pageCsp(imageSources: readonly string[]): string {
  const styleHash = `'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`;
  return [`default-src 'none'`, `img-src ${imageSources.join(' ')}`, `style-src ${styleHash}`, `base-uri 'none'`, `form-action 'none'`, `frame-ancestors 'none'`].join('; ');
}

// STYLES goes in raw: a <style> element's text is not entity-decoded, and its hash must match.
function document(head: Markup, body: Markup): string {
  return markup`<!doctype html>
<html lang="${SHARE_TEXT.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${head}
<style>${new Markup(STYLES)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}

const day = (timeZone: string) => ({
  words: new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone }),
  // en-CA writes YYYY-MM-DD: the machine-readable date of <time>.
  iso: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
});

export function sharePage(data: SharePageData): string {
  const lead = data.displayName === undefined ? SHARE_TEXT.tagline : SHARE_TEXT.sharedBy(data.displayName);
  const description = `${lead}. ${data.description}`;
  const { words, iso } = day(data.timeZone);
  const head = markup`<title>${data.title} — ${SHARE_TEXT.siteName}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${data.pageUrl}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${SHARE_TEXT.siteName}">
<meta property="og:locale" content="${SHARE_TEXT.ogLocale}">
<meta property="og:url" content="${data.pageUrl}">
<meta property="og:title" content="${data.title}">
<meta property="og:description" content="${description}">
<meta property="og:image" content="${data.imageUrl}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${IMAGE_WIDTH}">
<meta property="og:image:height" content="${IMAGE_HEIGHT}">
<meta property="og:image:alt" content="${SHARE_TEXT.tagline}: ${data.title}">
<meta name="twitter:card" content="summary_large_image">`;
  // The badge is decorative: its name is the heading right below it.
  const body = markup`<img src="${data.iconUrl}" alt="" width="160" height="160">
<p class="muted">${lead}</p>
<h1>${data.title}</h1>
<p>${data.description}</p>
<p class="muted">${SHARE_TEXT.earnedOn} <time datetime="${iso.format(data.earnedAt)}">${words.format(data.earnedAt)}</time></p>
<a href="${data.portalUrl}">${SHARE_TEXT.toPortal}</a>`;
  return document(head, body);
}

/** For a link that was withdrawn (410) or never was (404): nothing of any achievement. */
export function missingPage(kind: 'withdrawn' | 'notFound', portalUrl: string): string {
  const { title, text } = SHARE_TEXT[kind];
  return document(
    markup`<title>${title} — ${SHARE_TEXT.siteName}</title>`,
    markup`<h1>${title}</h1>
<p>${text}</p>
<a href="${portalUrl}">${SHARE_TEXT.toPortal}</a>`,
  );
}
