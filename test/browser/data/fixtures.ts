/** Contract v1 payloads for data-layer tests that mock the network (msw). */
import type { Campaigns, Catalog, FeedbackList, Leaderboard, MyAchievements, Recommendations, Redemption, Redemptions, Rewards } from '../../../src/data/contract.ts';

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

// ── issue 7: privileges, campaigns, recommendations, feedback (contract v1 additions) ─────────────

/** Four privileges: one to have now, one too dear, one above the citizen's level, one sold out. */
export function rewards(balance = 340): Rewards {
  return {
    balance,
    rewards: [
      { id: 'priority-slot', title: 'Приоритетная запись', description: 'Запись на приём в первую очередь.', cost: 100, limit: { count: 1, period: 'month' }, validDays: 30, availability: { available: true } },
      { id: 'fast-track', title: 'Ускоренное рассмотрение', description: 'Заявление рассмотрят быстрее.', cost: 700, validDays: 14, availability: { available: false, reason: 'insufficient_points' } },
      { id: 'advisor', title: 'Личный консультант', description: 'Консультация по услугам.', cost: 300, minLevel: { id: 'experienced', title: 'Опытный пользователь', index: 2 }, validDays: 7, availability: { available: false, reason: 'level_too_low' } },
      { id: 'recommendations', title: 'Персональные рекомендации', description: 'Подборка услуг для вас.', cost: 50, stock: { count: 20, period: 'month', remaining: 0 }, validDays: 90, availability: { available: false, reason: 'sold_out' } },
    ],
  };
}

export function redemption(overrides: Partial<Redemption> = {}): Redemption {
  return { id: 'r-1', rewardId: 'priority-slot', title: 'Приоритетная запись', cost: 100, grantedAt: '2026-11-02T09:00:00.000Z', expiresAt: '2026-12-02T09:00:00.000Z', status: 'active', ...overrides };
}

export function redemptions(balance = 340, list: Redemption[] = [redemption({ id: 'r-0', status: 'expired', grantedAt: '2026-09-01T09:00:00.000Z', expiresAt: '2026-10-01T09:00:00.000Z' })]): Redemptions {
  return { balance, redemptions: list };
}

export function campaigns(me: Campaigns['campaigns'][number]['me'] = { joined: false, eligible: true }): Campaigns {
  return {
    campaigns: [
      { id: 'winter', title: 'Зимний марафон', description: 'Кто больше воспользуется услугами онлайн.', startsAt: '2026-11-30T21:00:00.000Z', endsAt: '2026-12-31T21:00:00.000Z', status: 'active', score: 'points', prizes: [{ label: '1 место: 500 баллов и «Приоритетная запись»' }, { label: '2–3 места: 200 баллов' }], me },
      { id: 'spring', title: 'Весенний старт', description: 'Подайте больше заявлений.', startsAt: '2027-02-28T21:00:00.000Z', endsAt: '2027-03-31T21:00:00.000Z', status: 'upcoming', score: 'count', me: { joined: false, eligible: false } },
      { id: 'autumn', title: 'Осенний кубок', description: 'Завершён.', startsAt: '2026-09-01T21:00:00.000Z', endsAt: '2026-09-30T21:00:00.000Z', status: 'finished', score: 'points' },
    ],
  };
}

export function leaderboard(me?: Leaderboard['me']): Leaderboard {
  return {
    campaignId: 'winter',
    updatedAt: '2026-12-03T09:00:00.000Z',
    top: [
      { rank: 1, displayName: 'Участник 4821', score: 340 },
      { rank: 2, displayName: 'Участник 1107', score: 120 },
    ],
    ...(me ? { me } : {}),
  };
}

export function recommendations(): Recommendations {
  return {
    recommendations: [
      { achievementId: 'e-signer', title: 'Электронный подписант', reason: 'ещё 1 процедура — и достижение «Электронный подписант» ваше', link: 'https://www.gosuslugi.ru/sign', points: 30, remaining: 1 },
      { achievementId: 'regular-user', title: 'Регулярный пользователь', reason: 'ещё 2 заявления до 31 декабря — и достижение «Регулярный пользователь» ваше', link: '/services/applications', points: 21, remaining: 2 },
    ],
  };
}

export function feedbackList(): FeedbackList {
  return { feedback: [{ achievementId: 'first-request', rating: 4, comment: 'Понятно', updatedAt: '2026-11-21T09:00:00.000Z' }] };
}

// ── page conditions a test cannot otherwise produce ──────────────────────────────────────────────

/** Makes the page hidden or visible, as switching tabs would, and tells the page. */
export function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Back to the browser's own `document.hidden` (the prototype's getter). */
export function restoreHidden(): void {
  delete (document as { hidden?: boolean }).hidden;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A text/event-stream response body the test writes to, then ends or breaks (a dropped connection). */
export function controlledBody() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  // Once the page has let go of the stream, writes fail; the tests do not care.
  const attempt = (action: () => void) => {
    try {
      action();
    } catch {
      // already closed or cancelled
    }
  };
  return {
    body,
    send: (text: string) => attempt(() => controller.enqueue(encoder.encode(text))),
    end: () => attempt(() => controller.close()),
    fail: () => attempt(() => controller.error(new Error('dropped'))),
  };
}

/** A controlled body written to one message at a time, then dropped. */
export function eventStream() {
  const stream = controlledBody();
  return {
    body: stream.body,
    send: (event: string, id: number, data: unknown) => stream.send(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`),
    drop: stream.fail,
  };
}

/** The same citizen with a fifth signature too. */
export function withESigner(): MyAchievements {
  const base = withRegularUser();
  return {
    ...base,
    points: 70,
    achievements: base.achievements.map((a) => (a.id === 'e-signer' ? { ...a, state: 'unlocked' as const, progress: { current: 5, target: 5, remaining: 0 }, points: 30, unlockedAt: '2026-11-21T10:00:00.000Z' } : a)),
    updatedAt: '2026-11-21T10:00:00.000Z',
  };
}
