/**
 * `npm start` until the reference server and pages exist: replays each demo citizen's year
 * through the engine and prints what their board will show. Replaced by the server + pages demo.
 */
import { readFileSync } from 'node:fs';
import { compileCatalog, describeUser, replayEvents } from '../src/engine/index.ts';
import { demoCitizens } from './citizens.ts';

const catalog = compileCatalog(JSON.parse(readFileSync(new URL('../src/engine/catalog/default.json', import.meta.url), 'utf8')));
const now = Date.now();
const marks = { unlocked: '✓', in_progress: '…', locked: '·' } as const;

for (const citizen of demoCitizens(now)) {
  const { state } = replayEvents(catalog, citizen.events);
  const view = describeUser(catalog, state, now);
  console.log(`\n${citizen.persona}\n  ${citizen.events.length} events → ${view.points} points, level «${view.level.level.title.ru}»`);
  for (const achievement of view.achievements) {
    const { definition } = catalog.byId.get(achievement.id)!;
    const secret = definition.hidden && achievement.state !== 'unlocked';
    const title = secret ? '(секретное достижение)' : definition.title.ru;
    const tier = achievement.tier ? ` ур. ${achievement.tier}/${achievement.tiers}` : '';
    const { current, target } = achievement.progress;
    console.log(`  ${marks[achievement.state]} ${title.padEnd(28)} ${String(current).padStart(3)}/${target}${tier}`);
  }
}
console.log('\nThe reference server and the demo pages come next (see README).');
