/** Contract v1 payloads for data-layer tests that mock the network (msw). */
import type { Catalog, MyAchievements } from '../../../src/data/contract.ts';

export const ENDPOINT = '/mock-api/v1';

/** A citizen's state: one earned, one in progress, one not started. */
export function myAchievements(overrides: Partial<MyAchievements> = {}): MyAchievements {
  return {
    userId: 'citizen-1',
    verified: true,
    points: 10,
    level: { id: 'novice', index: 0, title: 'Новичок', minPoints: 0, nextMinPoints: 100, privileges: [] },
    achievements: [
      { id: 'first-request', state: 'unlocked', progress: { current: 1, target: 1, remaining: 0 }, points: 10, unlockedAt: '2026-11-02T09:00:00.000Z' },
      { id: 'regular-user', state: 'in_progress', progress: { current: 1, target: 3, remaining: 2, windowEndsAt: '2026-11-30T21:00:00.000Z' }, points: 0 },
      { id: 'e-signer', state: 'locked', progress: { current: 0, target: 5, remaining: 5 }, points: 0 },
    ],
    updatedAt: '2026-11-02T09:00:00.000Z',
    ...overrides,
  };
}

/** The same citizen after a third application this month. */
export function withRegularUser(): MyAchievements {
  const base = myAchievements();
  return {
    ...base,
    points: 40,
    achievements: base.achievements.map((a) =>
      a.id === 'regular-user' ? { ...a, state: 'unlocked' as const, progress: { current: 3, target: 3, remaining: 0 }, points: 30, unlockedAt: '2026-11-20T10:00:00.000Z' } : a,
    ),
    updatedAt: '2026-11-20T10:00:00.000Z',
  };
}

export function catalog(): Catalog {
  const entry = (id: string, title: string, difficulty: 'simple' | 'medium' | 'complex') => ({
    id,
    title,
    description: `${title}: описание`,
    difficulty,
    category: 'services',
    hidden: false,
    icon: `https://achievements.example/api/v1/icons/${id}.svg`,
    points: 10,
  });
  return {
    language: 'ru',
    timeZone: 'Europe/Moscow',
    achievements: [entry('first-request', 'Первый запрос', 'simple'), entry('regular-user', 'Регулярный пользователь', 'medium'), entry('e-signer', 'Электронный подписант', 'medium')],
    levels: [{ id: 'novice', index: 0, title: 'Новичок', minPoints: 0, privileges: [] }],
  };
}

/** Resolves once `test` holds, checking after every microtask burst; rejects after `ms`. */
export async function until(test: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
