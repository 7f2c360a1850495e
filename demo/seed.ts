/**
 * Demo data: the demo citizens' year of events, ingested as a portal would send them. Event ids
 * are the same on every run, so seeding again counts nothing twice. `npm run seed` runs it alone.
 */
import type { Catalog } from '../src/engine/index.ts';
import type { Db } from '../server/db/open.ts';
import { ingest } from '../server/ingest.ts';
import { LiveHub } from '../server/live.ts';
import type { DemoCitizen } from './citizens.ts';
import { demoCitizens } from './citizens.ts';

export async function seedDemo(db: Db, catalog: Catalog, live = new LiveHub(), now = Date.now()): Promise<DemoCitizen[]> {
  const citizens = demoCitizens(now);
  for (const citizen of citizens) {
    for (let i = 0; i < citizen.events.length; i += 1000) await ingest(db, catalog, live, citizen.events.slice(i, i + 1000), now);
  }
  return citizens;
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('events').select('id').limit(1).executeTakeFirst()) === undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { configFromEnv } = await import('../server/config.ts');
  const { openDatabase } = await import('../server/db/open.ts');
  const { loadCatalog } = await import('../server/catalog.ts');
  const config = configFromEnv();
  const db = await openDatabase(config.db);
  const citizens = await seedDemo(db, loadCatalog(config.catalogPath).catalog);
  await db.destroy();
  console.log(`Seeded ${citizens.length} demo citizens into ${config.db}: ${citizens.map((c) => c.userId).join(', ')}`);
}
