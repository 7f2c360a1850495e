/** Who is calling: a portal back end with a service key, or a citizen with a signed token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { ApiError } from './errors.ts';

/** The cookie a portal may set instead of sending the token in a header. */
export const TOKEN_COOKIE = 'ach_token';

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so a key cannot be guessed byte by byte. */
export function serviceKeyCheck(keys: readonly string[]): (authorization: string | undefined) => string {
  const known = keys.map((key) => ({ key, digest: digest(key) }));
  return (authorization) => {
    const presented = bearer(authorization);
    if (!presented) throw new ApiError(401, 'unauthenticated', 'A service key is required: Authorization: Bearer <key>.');
    const presentedDigest = digest(presented);
    const match = known.find((k) => timingSafeEqual(k.digest, presentedDigest));
    if (!match) throw new ApiError(401, 'unauthenticated', 'The service key is not valid.');
    return match.key;
  };
}

/** Verifies a citizen's HS256 token (header or cookie); `sub` is the citizen, `exp` is required. */
export function citizenCheck(secret: string): (authorization: string | undefined, cookies: string | undefined) => Promise<string> {
  // Imported once: jose would otherwise import raw key bytes again on every request.
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return async (authorization, cookies) => {
    const token = bearer(authorization) ?? cookie(cookies, TOKEN_COOKIE);
    if (!token) throw new ApiError(401, 'unauthenticated', 'Sign in first: a citizen token is required.');
    try {
      const { payload } = await jwtVerify(token, await key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      if (typeof payload.sub !== 'string' || !payload.sub) throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new ApiError(401, 'unauthenticated', 'The citizen token is not valid or has expired.');
    }
  };
}
