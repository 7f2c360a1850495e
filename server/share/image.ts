/**
 * The share image: a 1200×630 PNG for link previews (messengers do not render SVG). The badge and
 * its Russian title are composed as SVG and drawn by resvg with the Golos Text fonts shipped in
 * ./fonts. System fonts are never loaded, so every machine draws the same picture.
 */
import { fileURLToPath } from 'node:url';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import { markup } from './markup.ts';
import { SHARE_TEXT } from './text.ts';

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;

export const FONT_FILES = ['GolosText-Regular.ttf', 'GolosText-Bold.ttf'].map((file) => fileURLToPath(new URL(`./fonts/${file}`, import.meta.url)));
const FAMILY = 'Golos Text';
export const RENDER_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FAMILY },
  logLevel: 'off',
};

const COLORS = { background: '#e6edf7', card: '#ffffff', title: '#0b1f33', tagline: '#44546a', placeholder: '#1f5fa8' };
const CARD = { inset: 40, radius: 32 };
/** Where the badge (or the plain disc) sits. */
export const BADGE = { x: 100, y: 155, size: 320 };
/** The text column, right of the badge, inside the card. */
export const TEXT = { x: 480, width: 620 };
const TAGLINE = { size: 30, weight: 400 };
/** Largest first; a title takes the first size at which it fits in `maxLines`. */
export const TITLE = { sizes: [64, 56, 48, 40], weight: 700, maxLines: 3, lineHeight: 1.15 };
const GAP = 20;

/** The badge as an image file's bytes; none draws a plain disc in its place (an icon that could not be had). */
export interface Badge {
  bytes: Uint8Array;
  type: 'image/svg+xml' | 'image/png';
}

/** How far a line of text reaches from its start, as resvg lays it out with the shipped fonts. */
export function textWidth(text: string, size: number, weight: number): number {
  const svg = markup`<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH * 4}" height="${size * 2}"><text x="0" y="${size}" font-family="${FAMILY}" font-size="${size}" font-weight="${weight}">${text}</text></svg>`;
  const box = new Resvg(svg.text, RENDER_OPTIONS).getBBox();
  return box ? box.x + box.width : 0;
}

/** Greedy: as many words on a line as fit; undefined when a word alone does not fit. */
function wrapWords(words: readonly string[], fits: (line: string) => boolean): string[] | undefined {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (!line || !fits(word)) return undefined;
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Breaks a word too long for any line into pieces that each fill a line. */
function splitWord(word: string, fits: (line: string) => boolean): string[] {
  let rest = [...word];
  const pieces: string[] = [];
  while (rest.length) {
    let n = 1;
    while (n < rest.length && fits(rest.slice(0, n + 1).join(''))) n += 1;
    pieces.push(rest.slice(0, n).join(''));
    rest = rest.slice(n);
  }
  return pieces;
}

/** The last resort, at the smallest size: overlong words break anywhere, and past `maxLines` the last line ends in «…». */
function cutToFit(words: readonly string[], fits: (line: string) => boolean, maxLines: number): string[] {
  const lines = wrapWords(words.flatMap((word) => (fits(word) ? [word] : splitWord(word, fits))), fits)!;
  if (lines.length <= maxLines) return lines;
  const last = [...lines[maxLines - 1]!];
  while (last.length && !fits(`${last.join('').trimEnd()}…`)) last.pop();
  return [...lines.slice(0, maxLines - 1), `${last.join('').trimEnd()}…`];
}

/** The title's font size and lines: never wider than the text column, never more than `maxLines`. */
export function layoutTitle(title: string): { size: number; lines: string[] } {
  const words = title.split(/\s+/).filter(Boolean);
  for (const size of TITLE.sizes) {
    const lines = wrapWords(words, (line) => textWidth(line, size, TITLE.weight) <= TEXT.width);
    if (lines && lines.length <= TITLE.maxLines) return { size, lines };
  }
  const size = TITLE.sizes.at(-1)!;
  return { size, lines: cutToFit(words, (line) => textWidth(line, size, TITLE.weight) <= TEXT.width, TITLE.maxLines) };
}

/** The picture as SVG: the card, the badge on the left, the tagline and the title beside it, centred. */
export function shareImageSvg(title: string, badge: Badge | undefined): string {
  const { size, lines } = layoutTitle(title);
  const lineHeight = size * TITLE.lineHeight;
  const height = TAGLINE.size * TITLE.lineHeight + GAP + lines.length * lineHeight;
  const top = (IMAGE_HEIGHT - height) / 2;
  // A baseline sits about 0.9 of the font size below the top of its line.
  const taglineY = top + TAGLINE.size * 0.9;
  const titleY = (index: number) => top + TAGLINE.size * TITLE.lineHeight + GAP + index * lineHeight + size * 0.9;
  const card = IMAGE_WIDTH - 2 * CARD.inset;
  const badgeMark = badge
    ? markup`<image href="data:${badge.type};base64,${Buffer.from(badge.bytes).toString('base64')}" x="${BADGE.x}" y="${BADGE.y}" width="${BADGE.size}" height="${BADGE.size}"/>`
    : markup`<circle cx="${BADGE.x + BADGE.size / 2}" cy="${BADGE.y + BADGE.size / 2}" r="${BADGE.size / 2}" fill="${COLORS.placeholder}"/>`;
  return markup`<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" viewBox="0 0 ${IMAGE_WIDTH} ${IMAGE_HEIGHT}">
<rect width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" fill="${COLORS.background}"/>
<rect x="${CARD.inset}" y="${CARD.inset}" width="${card}" height="${IMAGE_HEIGHT - 2 * CARD.inset}" rx="${CARD.radius}" fill="${COLORS.card}"/>
${badgeMark}
<text x="${TEXT.x}" y="${taglineY}" font-family="${FAMILY}" font-size="${TAGLINE.size}" font-weight="${TAGLINE.weight}" fill="${COLORS.tagline}">${SHARE_TEXT.tagline}</text>
${lines.map((line, index) => markup`<text x="${TEXT.x}" y="${titleY(index)}" font-family="${FAMILY}" font-size="${size}" font-weight="${TITLE.weight}" fill="${COLORS.title}">${line}</text>`)}
</svg>`.text;
}

/** Draws the PNG off the event loop (resvg renders on libuv's thread pool). */
export async function renderShareImage(title: string, badge: Badge | undefined): Promise<Buffer> {
  return (await renderAsync(shareImageSvg(title, badge), RENDER_OPTIONS)).asPng();
}
