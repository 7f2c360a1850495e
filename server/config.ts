/**
 * Configuration from the environment (names fixed in DESIGN.md), with safe local defaults:
 * loopback only, a SQLite file under var/, and for a local run the missing secrets generated once
 * and kept in var/secrets.json (git-ignored), so tokens survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rate } from './rate-limit.ts';

export interface Config {
  host: string;
  port: number;
  /** SQLite file path, or ':memory:'. */
  db: string;
  serviceKeys: string[];
  jwtSecret: string;
  corsOrigins: string[];
  /**
   * Addresses of reverse proxies (ACH_TRUSTED_PROXIES) whose X-Forwarded-For names the client, for
   * the failed sign-in allowance; none: the socket's address is the client's.
   */
  trustedProxies: string[];
  /** Absolute base for links and images the server hands out (no trailing slash). */
  publicUrl: string;
  /** Where the share page's link to the portal leads; undefined: the root of `publicUrl`. */
  portalUrl: string | undefined;
  /** A catalog JSON path, or undefined for the built-in catalog. */
  catalogPath: string | undefined;
  /** A campaigns JSON path (ACH_CAMPAIGNS), or undefined for server/campaigns/default.json. */
  campaignsPath: string | undefined;
  /** A rewards JSON path (ACH_REWARDS), or undefined for server/rewards/default.json. */
  rewardsPath: string | undefined;
  /** Keys for /admin (ACH_ADMIN_KEYS), never the same as a service key; none: /admin answers 404. */
  adminKeys: string[];
  /** Requests per second and burst: per service key, per citizen, and failed sign-ins per client address. */
  limits: { service: Rate; citizen: Rate; authFailures: Rate };
}

export const DEFAULT_LIMITS = {
  service: { perSecond: 200, burst: 400 },
  citizen: { perSecond: 5, burst: 30 },
  authFailures: { perSecond: 1, burst: 30 },
};

/** "200/400": 200 requests a second, bursts of 400. */
function rate(name: string, value: string | undefined, fallback: Rate): Rate {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) throw new Error(`${name} must look like "200/400" (per second/burst), not "${value}"`);
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

/**
 * ACH_PUBLIC_URL, the absolute base of every link and image the server hands out (messengers and
 * other hosts follow them): http(s), a host, no query, fragment or credentials. Without its
 * trailing slash.
 */
function publicUrl(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const url = /^https?:\/\/[^\s/?#]+(?:\/\S*)?$/i.test(value) && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.search || url.hash || url.username || url.password) {
    throw new Error(`ACH_PUBLIC_URL must be an absolute http(s) URL without query, fragment or credentials (like "https://achievements.example" or "https://portal.example/achievements"), not "${value}"`);
  }
  return url.href.replace(/\/+$/, '');
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VAR = resolve(ROOT, 'var');

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

/** Secrets for a local run: made on first use, then read back. */
function localSecrets(): { serviceKey: string; jwtSecret: string } {
  const file = resolve(VAR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { serviceKey: string; jwtSecret: string };
  const secrets = { serviceKey: `local-${randomBytes(18).toString('base64url')}`, jwtSecret: randomBytes(32).toString('base64url') };
  mkdirSync(VAR, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.ACH_HOST ?? '127.0.0.1';
  const port = Number(env.ACH_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`ACH_PORT must be a port number, not "${env.ACH_PORT}"`);
  const needsLocal = !env.ACH_SERVICE_KEYS || !env.ACH_JWT_SECRET;
  const local = needsLocal ? localSecrets() : undefined;
  const jwtSecret = env.ACH_JWT_SECRET ?? local!.jwtSecret;
  if (Buffer.byteLength(jwtSecret) < 32) throw new Error('ACH_JWT_SECRET must be at least 32 bytes');
  if (env.ACH_PORTAL_URL !== undefined && !/^https?:\/\/\S+$/.test(env.ACH_PORTAL_URL)) throw new Error(`ACH_PORTAL_URL must be an http(s) URL, not "${env.ACH_PORTAL_URL}"`);
  const db = env.ACH_DB ?? resolve(VAR, 'achievements.sqlite');
  if (db !== ':memory:') mkdirSync(dirname(resolve(db)), { recursive: true });
  const serviceKeys = env.ACH_SERVICE_KEYS ? list(env.ACH_SERVICE_KEYS) : [local!.serviceKey];
  const adminKeys = list(env.ACH_ADMIN_KEYS);
  // A portal back end's key must not open the operators' metrics.
  if (adminKeys.some((key) => serviceKeys.includes(key))) throw new Error('ACH_ADMIN_KEYS must not repeat a key of ACH_SERVICE_KEYS');
  return {
    host,
    port,
    db,
    serviceKeys,
    jwtSecret,
    corsOrigins: list(env.ACH_CORS_ORIGINS),
    trustedProxies: list(env.ACH_TRUSTED_PROXIES),
    publicUrl: publicUrl(env.ACH_PUBLIC_URL, `http://${host.includes(':') ? `[${host}]` : host}:${port}`),
    portalUrl: env.ACH_PORTAL_URL,
    catalogPath: env.ACH_CATALOG,
    campaignsPath: env.ACH_CAMPAIGNS,
    rewardsPath: env.ACH_REWARDS,
    adminKeys,
    limits: {
      service: rate('ACH_SERVICE_RATE', env.ACH_SERVICE_RATE, DEFAULT_LIMITS.service),
      citizen: rate('ACH_CITIZEN_RATE', env.ACH_CITIZEN_RATE, DEFAULT_LIMITS.citizen),
      authFailures: rate('ACH_AUTH_FAILURE_RATE', env.ACH_AUTH_FAILURE_RATE, DEFAULT_LIMITS.authFailures),
    },
  };
}
