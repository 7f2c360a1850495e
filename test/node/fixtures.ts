/** Test data shared by engine and server tests. */
import { readFileSync } from 'node:fs';

/** The default catalog with one more achievement: three service ratings earn "critic". */
export function catalogWithCritic(): { achievements: unknown[] } {
  const catalog = JSON.parse(readFileSync(new URL('../../src/engine/catalog/default.json', import.meta.url), 'utf8')) as { achievements: unknown[] };
  catalog.achievements.push({
    id: 'critic',
    title: { ru: 'Критик', en: 'Critic' },
    description: { ru: 'Оцените три услуги.', en: 'Rate three services.' },
    difficulty: 'simple',
    category: 'participation',
    points: 10,
    icon: 'icons/poll-participant.svg',
    criterion: { count: { of: { type: 'service.rated' }, atLeast: 3 } },
  });
  return catalog;
}
