/**
 * Which citizen a token belongs to, for keying the cache and the page's stores. The JWT's `sub`
 * is read, not verified: the server verifies every request, and a forged token only reads back
 * what its own browser cached. A token that is not a JWT is keyed by its SHA-256.
 */

function jwtSubject(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub ? sub : undefined;
  } catch {
    return undefined;
  }
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Under cookie sign-in: not a citizen, since the page cannot tell who the cookie belongs to before
 * the server answers. The store keeps nothing of theirs across page loads under this key.
 */
export const COOKIE_CITIZEN = 'cookie';

/** `sub:<id>` for a JWT, `token:<sha256>` for another token, {@link COOKIE_CITIZEN} when the cookie carries it. */
export async function citizenKey(token: string | undefined): Promise<string> {
  if (!token) return COOKIE_CITIZEN;
  const sub = jwtSubject(token);
  return sub ? `sub:${sub}` : `token:${await sha256(token)}`;
}
