/**
 * `npm start`: the reference server with demo citizens (seeded when the database is empty), and
 * how to look at them. The demo pages join this with the elements.
 */
import { SignJWT } from 'jose';
import { configFromEnv } from '../server/config.ts';
import { startServer } from '../server/server.ts';
import { demoCitizens } from './citizens.ts';
import { isEmpty, seedDemo } from './seed.ts';

const config = configFromEnv();
const running = await startServer(config, { log: false });
const { db, catalog, live } = running.context;
if (await isEmpty(db)) {
  const citizens = await seedDemo(db, catalog, live);
  console.log(`Seeded ${citizens.length} demo citizens with about a year of events.`);
}

const sign = (userId: string) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('12h').sign(new TextEncoder().encode(config.jwtSecret));

const api = `${running.url}/api/v1`;
console.log(`
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

The demo pages (the elements on a portal-like page) come with the elements. Ctrl+C stops the server.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
