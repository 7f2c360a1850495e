/**
 * The badge drawn on a share image. A relative icon is the catalog's own file; an icon under
 * ACH_PUBLIC_URL's icons route is that same file (no request to ourselves); an icon on another
 * host is fetched. Only URLs the operator's catalog names are ever fetched, never one a request
 * chooses, and without following redirects (a redirect could lead inside the network), within a
 * time and size limit. Anything else, or any failure, draws the plain disc.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ICON_FILE } from '../views.ts';
import type { Badge } from './image.ts';

export interface BadgeLimits {
  /** The whole fetch, body included. */
  timeoutMs: number;
  maxBytes: number;
}

export const BADGE_LIMITS: BadgeLimits = { timeoutMs: 3000, maxBytes: 512 * 1024 };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the bytes are, checked rather than taken from a header: PNG by its signature, SVG by its root element. */
function typeOf(bytes: Uint8Array): Badge['type'] | undefined {
  if (Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) return 'image/png';
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8')) ? 'image/svg+xml' : undefined;
}

/** Reads a response's body, giving up past `maxBytes` (a Content-Length cannot be trusted to be there or true). */
async function boundedBody(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** An icon on another host: a PNG or SVG within the limits, or undefined (the reason in `fail`). */
export async function fetchBadge(url: string, limits: BadgeLimits = BADGE_LIMITS, fail: (reason: string) => void = () => {}): Promise<Badge | undefined> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, { redirect: 'error', signal, headers: { Accept: 'image/png, image/svg+xml' } });
    if (!response.ok) {
      await response.body?.cancel();
      return void fail(`HTTP ${response.status}`);
    }
    const bytes = await boundedBody(response, limits.maxBytes);
    if (!bytes) {
      await response.body?.cancel().catch(() => {});
      return void fail(`over ${limits.maxBytes} bytes`);
    }
    const type = typeOf(bytes);
    return type ? { bytes, type } : void fail('neither PNG nor SVG');
  } catch (error) {
    // fetch's own message is a bare «fetch failed»: the cause says what (a redirect, a refused connection).
    const { message, cause } = error as Error & { cause?: Error };
    return void fail(signal.aborted ? `no answer within ${limits.timeoutMs} ms` : (cause?.message ?? message));
  }
}

export interface BadgeSource {
  publicUrl: string;
  catalogDirectory: string;
  limits?: BadgeLimits;
  fail?: (reason: string) => void;
}

/** The badge for a catalog icon, as above. */
export async function badgeOf(icon: string, source: BadgeSource): Promise<Badge | undefined> {
  if (!/^https?:\/\//.test(icon)) return { bytes: await readFile(resolve(source.catalogDirectory, icon)), type: icon.endsWith('.svg') ? 'image/svg+xml' : 'image/png' };
  const own = `${source.publicUrl}/api/v1/icons/`;
  if (icon.startsWith(own)) {
    const file = icon.slice(own.length);
    if (!ICON_FILE.test(file)) return undefined;
    return { bytes: await readFile(resolve(source.catalogDirectory, 'icons', file)), type: file.endsWith('.svg') ? 'image/svg+xml' : 'image/png' };
  }
  return fetchBadge(icon, source.limits, source.fail);
}
