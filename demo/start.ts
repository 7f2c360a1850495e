/**
 * `npm start`: the reference server with demo citizens (seeded when the database is empty), the
 * demo pages built and served by a stand-in portal on the next port, and how to look at them.
 */
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { build } from 'vite';
import { configFromEnv, ROOT } from '../server/config.ts';
import { startServer } from '../server/server.ts';
import { demoCampaignsPath, joinDemoCampaigns } from './campaigns.ts';
import { demoCitizens } from './citizens.ts';
import { startPortal } from './portal.ts';
import { seedIfEmpty } from './seed.ts';

const config = configFromEnv();
const portalPort = Number(process.env.ACH_DEMO_PORT ?? (config.port ? config.port + 1 : 0));
// The pages live on the portal's origin, which forwards /api/ here: icon URLs name that origin,
// so that the pages' strict CSP (img-src 'self') allows them.
if (!process.env.ACH_PUBLIC_URL && portalPort) config.publicUrl = `http://${config.host}:${portalPort}`;
// The built-in campaign has fixed dates; once they have passed, the demo runs it moved to this month.
config.campaignsPath ??= demoCampaignsPath(Date.now());
const running = await startServer(config, { log: false });
const seeded = await seedIfEmpty(running.context);
if (seeded) console.log(`Seeded ${seeded.length} demo citizens with about a year of events.`);
// Two of them take part in the campaign, so its leaderboard has rows; the third can join from the page.
if (seeded) await joinDemoCampaigns(running.context, seeded.slice(0, 2).map((citizen) => citizen.userId));

const pages = join(ROOT, 'dist', 'demo');
await build({
  configFile: false,
  root: join(ROOT, 'demo', 'pages'),
  logLevel: 'warn',
  publicDir: false,
  build: { outDir: pages, emptyOutDir: true, target: 'es2022', rolldownOptions: { input: { index: join(ROOT, 'demo/pages/index.html'), gallery: join(ROOT, 'demo/pages/gallery.html') } } },
});
const portal = await startPortal({
  host: config.host,
  port: portalPort,
  pages,
  api: running.url,
  serviceKey: config.serviceKeys[0]!,
  jwtSecret: config.jwtSecret,
  citizens: demoCitizens(),
});

const sign = (userId: string) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('12h').sign(new TextEncoder().encode(config.jwtSecret));

const api = `${running.url}/api/v1`;
console.log(`
Open the demo portal: ${portal.url}  (choose a demo citizen, then press the buttons)
  every element in every state: ${portal.url}/gallery.html

civic-achievements reference server: ${running.url}
  catalog        ${api}/catalog
  OpenAPI        ${api}/openapi.json
  health         ${running.url}/healthz

Demo citizens (tokens valid 12 hours; signed with the local secret in var/secrets.json):`);
for (const citizen of demoCitizens()) {
  console.log(`\n  ${citizen.persona}\n  curl -H "Authorization: Bearer ${await sign(citizen.userId)}" ${api}/me/achievements`);
}
console.log(`
Send events as a portal would (service key from var/secrets.json or ACH_SERVICE_KEYS):
  curl -X POST ${api}/events -H "Authorization: Bearer <service key>" -H "Content-Type: application/json" \\
       -d '{"events":[{"id":"demo-1","userId":"demo-vera","type":"poll.voted","occurredAt":"${new Date().toISOString()}","attributes":{"poll":"city"}}]}'

Ctrl+C stops both.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    portal.close();
    void running.close().then(() => process.exit(0));
  });
}
