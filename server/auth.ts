/** Who is calling: a portal back end with a service key, or a citizen with a signed token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createVerifier, TokenError } from 'fast-jwt';
import { ApiError } from './errors.ts';

/** The cookie a portal may set instead of sending the token in a header. */
export const TOKEN_COOKIE = 'ach_token';

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

const TOKEN_COOKIE_SENT = new RegExp(`(?:^|;)\\s*${TOKEN_COOKIE}=`);

/** Whether a Cookie header carries the citizen's token cookie (valid or not). */
export function tokenCookieSent(cookies: string | undefined): boolean {
  return TOKEN_COOKIE_SENT.test(cookies ?? '');
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return percentDecoded(value.join('='));
  }
  return undefined;
}

/** A value that is not valid percent-encoding stays as sent: it is then no token, and is refused as one. */
function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so a key cannot be guessed byte by byte. `kind` names the key in errors. */
export function serviceKeyCheck(keys: readonly string[], kind: 'service' | 'admin' = 'service'): (authorization: string | undefined) => string {
  const known = keys.map((key) => ({ key, digest: digest(key) }));
  return (authorization) => {
    const presented = bearer(authorization);
    if (!presented) throw new ApiError(401, 'unauthenticated', `A ${kind} key is required: Authorization: Bearer <key>.`);
    const presentedDigest = digest(presented);
    const match = known.find((k) => timingSafeEqual(k.digest, presentedDigest));
    if (!match) throw new ApiError(401, 'unauthenticated', `The ${kind} key is not valid.`);
    return match.key;
  };
}

/**
 * 401 for a token signed with the secret whose time is over or not yet come: a renewal due, not a
 * guess, so it does not spend the address's failed sign-ins (the client renews only on a 401).
 */
export class TokenOutOfTime extends ApiError {
  constructor() {
    super(401, 'unauthenticated', 'The citizen token has expired or is not valid yet.');
  }
}

/**
 * Verifies a citizen's HS256 token (header or cookie); `sub` is the citizen, `exp` is required.
 * fast-jwt verifies with node:crypto on the request's own thread: jose's WebCrypto sent every check
 * through the thread pool and back, a fifth of a GET's CPU time and two thread wake-ups.
 */
export function citizenCheck(secret: string): (authorization: string | undefined, cookies: string | undefined) => Promise<string> {
  // No leeway, no cache; `crit` extensions are refused because none is understood here.
  const verify = createVerifier({ key: secret, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
  return async (authorization, cookies) => {
    const token = bearer(authorization) ?? cookie(cookies, TOKEN_COOKIE);
    if (!token) throw new ApiError(401, 'unauthenticated', 'Sign in first: a citizen token is required.');
    const subject = verifiedSubject(verify, token);
    if (!subject) throw new ApiError(401, 'unauthenticated', 'The citizen token is not valid or has expired.');
    return subject;
  };
}

function verifiedSubject(verify: (token: string) => unknown, token: string): string | undefined {
  let claims: { sub?: unknown };
  try {
    claims = verify(token) as { sub?: unknown };
  } catch (error) {
    // fast-jwt checks exp and nbf only after the signature and the required claims.
    if (error instanceof TokenError && (error.code === TokenError.codes.expired || error.code === TokenError.codes.inactive)) throw new TokenOutOfTime();
    return undefined;
  }
  return typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined;
}
